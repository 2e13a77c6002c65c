// "Use my location" on the report form: fills the latitude and longitude from the phone's GPS.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-locate]");
    if (!button) return;
    var form = button.closest("form");
    var status = form.querySelector("[data-locate-status]");
    if (!navigator.geolocation) {
      status.textContent = button.dataset.unsupported;
      return;
    }
    button.disabled = true;
    status.textContent = button.dataset.busy;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.latitude.value = position.coords.latitude.toFixed(6);
        form.elements.longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = button.dataset.done;
        button.disabled = false;
      },
      function () {
        status.textContent = button.dataset.failed;
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
