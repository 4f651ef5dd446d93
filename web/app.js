/* Student page: tells embed.js to draw the chat inside the page (not as a floating bubble) and passes the
   school (checked by the server) plus optional ?state=NC&grade_band=9-12&language=en from the address. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  var params = new URLSearchParams(window.location.search);
  var customData = {};
  if (main && main.getAttribute("data-school")) customData.school = main.getAttribute("data-school");
  ["state", "grade_band", "language"].forEach(function (key) {
    var value = params.get(key);
    if (value) customData[key] = value;
  });
  window.credentialAdvisorConfig = { container: "#advisor-chat", customData: customData };
})();
