-- Why a session was ended on the server, so that its next request can tell the person; kept a day.
CREATE TABLE ended_session (
	session_id CHAR(36) PRIMARY KEY,
	reason VARCHAR(30) NOT NULL,
	ended_at TIMESTAMP WITH TIME ZONE NOT NULL
);
