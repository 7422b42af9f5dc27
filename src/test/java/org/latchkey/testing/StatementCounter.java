package org.latchkey.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application sends while a request is handled, for tests that pin how many a
 * page or a check costs. The application's {@link DataSource} is proxied (as its own class, so a cast to the
 * pool's type still works) and each statement executed on a request thread of the embedded server is noted
 * while {@link #during} runs; statements of background work (the outbox, session cleanup) are left out. A
 * transaction's start and end are noted too, as {@code BEGIN} and {@code COMMIT} or {@code ROLLBACK}, where the
 * PostgreSQL driver sends them: each as a message of its own, so a statement in a transaction of its own costs
 * three writes to the database's socket where one on its own costs one, and a transaction that ran no statement
 * costs none.
 */
public final class StatementCounter {

	private static final ConcurrentLinkedQueue<String> executed = new ConcurrentLinkedQueue<>();

	private static volatile boolean counting;

	private StatementCounter() {
	}

	/** The statements the server's request threads executed while {@code action} ran, in order. */
	public static synchronized List<String> during(Runnable action) {
		executed.clear();
		counting = true;
		try {
			action.run();
		}
		finally {
			counting = false;
		}
		return new ArrayList<>(executed);
	}

	/** Whether a noted statement writes, or opens a transaction to. */
	public static boolean writes(String statement) {
		return statement.startsWith("INSERT") || statement.startsWith("UPDATE") || statement.startsWith("DELETE")
				|| statement.equals("BEGIN");
	}

	private static Connection counted(Connection connection) {
		Transaction transaction = new Transaction();
		return (Connection) delegating(Connection.class, connection, transaction::boundary, (method, args, result) -> {
			if (result instanceof Statement statement && method.getName().startsWith("prepare")) {
				String sql = (String) args[0];
				return delegating(method.getReturnType(), statement,
						(call, callArgs) -> transaction.executing(call, sql), (call, callArgs, same) -> same);
			}
			if (result instanceof Statement statement && method.getName().equals("createStatement")) {
				return delegating(Statement.class, statement,
						(call, callArgs) -> transaction.executing(call,
								(callArgs != null) ? String.valueOf(callArgs[0]) : "batch"),
						(call, callArgs, same) -> same);
			}
			return result;
		});
	}

	/**
	 * One connection's transaction as the PostgreSQL driver sends it: {@code BEGIN} with its first statement, and
	 * nothing at all for a transaction that ran none.
	 */
	private static final class Transaction {

		private boolean open;

		private boolean begun;

		Void executing(Method method, String sql) {
			if (method.getName().startsWith("execute")) {
				if (this.open && !this.begun) {
					this.begun = true;
					note("BEGIN");
				}
				note(sql.strip().replaceAll("\\s+", " "));
			}
			return null;
		}

		Void boundary(Method method, Object[] args) {
			switch (method.getName()) {
				case "setAutoCommit" -> this.open = !((Boolean) args[0]);
				case "commit", "rollback" -> {
					if (this.begun) {
						note(method.getName().toUpperCase(Locale.ROOT));
					}
					this.begun = false;
				}
				default -> {
				}
			}
			return null;
		}

	}

	private static void note(String sent) {
		// Tomcat's request threads are named http-nio-<port>-exec-<n>
		if (counting && Thread.currentThread().getName().startsWith("http-")) {
			executed.add(sent);
		}
	}

	private interface Before {

		Void before(Method method, Object[] args);

	}

	private interface After {

		Object after(Method method, Object[] args, Object result);

	}

	private static Object delegating(Class<?> type, Object target, Before before, After after) {
		InvocationHandler handler = (proxy, method, args) -> {
			before.before(method, args);
			try {
				return after.after(method, args, method.invoke(target, args));
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		};
		return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	/** Proxies the application's data source so that its connections count statements. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static BeanPostProcessor statementCountingDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof DataSource)) {
						return bean;
					}
					ProxyFactory factory = new ProxyFactory(bean);
					factory.setProxyTargetClass(true);
					factory.addAdvice((MethodInterceptor) invocation -> {
						Object result = invocation.proceed();
						return (result instanceof Connection connection
								&& invocation.getMethod().getName().equals("getConnection")) ? counted(connection)
										: result;
					});
					return factory.getProxy();
				}

			};
		}

	}

}
