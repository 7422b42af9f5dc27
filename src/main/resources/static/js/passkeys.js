/*
 * Latchkey's passkeys in the browser (W3C WebAuthn): a form marked data-passkey="register", "get" or "login"
 * carries the options the server made (data-options, JSON with base64url fields); on submit this script asks
 * navigator.credentials for a passkey, puts the browser's answer (JSON) in the form's "credential" field and
 * submits the form. The sign-in page's form also offers passkeys in the login field's autofill
 * (autocomplete="username webauthn", conditional mediation). Served by Latchkey itself: no CDN, no build step.
 */
(function () {
  'use strict';

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (descriptor) {
      var copy = { type: descriptor.type, id: toBytes(descriptor.id) };
      if (descriptor.transports) {
        copy.transports = descriptor.transports;
      }
      return copy;
    });
  }

  function creationOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = toBytes(json.challenge);
    options.user = Object.assign({}, json.user, { id: toBytes(json.user.id) });
    options.excludeCredentials = descriptors(json.excludeCredentials);
    return options;
  }

  function requestOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = toBytes(json.challenge);
    options.allowCredentials = descriptors(json.allowCredentials);
    return options;
  }

  /* RegistrationResponseJSON / AuthenticationResponseJSON, as webauthn4j reads them */
  function answer(credential) {
    var response = credential.response;
    var json = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toBase64url(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      json.response.attestationObject = toBase64url(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toBase64url(response.authenticatorData);
      json.response.signature = toBase64url(response.signature);
      json.response.userHandle = response.userHandle ? toBase64url(response.userHandle) : null;
    }
    return JSON.stringify(json);
  }

  function showError(form) {
    var error = form.querySelector('[data-passkey-error]');
    if (error) {
      error.hidden = false;
    }
  }

  function send(form, credential) {
    form.querySelector('input[name="credential"]').value = answer(credential);
    form.submit();
  }

  function ask(form, json, mediation, signal) {
    var mode = form.getAttribute('data-passkey');
    if (mode === 'register') {
      return navigator.credentials.create({ publicKey: creationOptions(json) });
    }
    var request = { publicKey: requestOptions(json) };
    if (mediation) {
      request.mediation = mediation;
    }
    if (signal) {
      request.signal = signal;
    }
    return navigator.credentials.get(request);
  }

  function setUp(form) {
    var json = JSON.parse(form.getAttribute('data-options'));
    var conditional = null;
    if (!window.PublicKeyCredential || !navigator.credentials) {
      showError(form);
      form.querySelector('button[type="submit"]').disabled = true;
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (conditional) {
        conditional.abort();
        conditional = null;
      }
      ask(form, json).then(function (credential) {
        if (credential) {
          send(form, credential);
        } else {
          showError(form);
        }
      }, function () {
        showError(form);
      });
    });
    if (form.getAttribute('data-passkey') === 'login' && PublicKeyCredential.isConditionalMediationAvailable) {
      PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
        if (!available) {
          return;
        }
        conditional = new AbortController();
        ask(form, json, 'conditional', conditional.signal).then(function (credential) {
          if (credential) {
            send(form, credential);
          }
        }, function () {
          /* aborted for the button, or dismissed: the button still works */
        });
      });
    }
  }

  document.querySelectorAll('form[data-passkey]').forEach(setUp);
}());
