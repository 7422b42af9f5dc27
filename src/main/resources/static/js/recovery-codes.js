// The print button of the recovery codes page: shown only where scripts run (the page says how to print without).
(function () {
  var button = document.getElementById('print');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  }
})();
