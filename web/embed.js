/* Credential Advisor embed: draws the rasa-webchat 1.0.1 widget, served by the same server as this file.
 *
 * A portal pastes the snippet in web/EMBED.md: a config object (window.credentialAdvisorConfig), then a
 * script tag loading this file from the advisor's server.
 *
 * Options: customData (school, grade_band, state, language), container (CSS selector: draw the chat inside
 * that element instead of a floating button), title, subtitle, socketUrl (where browsers reach Rasa).
 * District defaults (colours, names, Rasa address) are filled in by web/serve.py from district.yml.
 */
(function () {
  "use strict";
  var DISTRICT = /*DISTRICT_CONFIG*/null;
  if (!DISTRICT) { DISTRICT = { title: "Credential Advisor", subtitle: "", rasaUrl: "http://localhost:5005",
    socketPath: "/socket.io/", colors: {}, defaults: { language: "en" }, schools: {} }; }
  if (window.CredentialAdvisor && window.CredentialAdvisor.started) return;  // pasted twice: draw once

  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/\/embed\.js(?:[?#].*)?$/, "") : "";
  var user = window.credentialAdvisorConfig || {};
  var CUSTOM_KEYS = ["school", "grade_band", "state", "language"];
  var SAFE_VALUE = /^[A-Za-z0-9_. -]{1,40}$/;
  var SAFE_LINK = /^(https?:|mailto:|tel:)/i;

  function customData() {
    var merged = {}, given = user.customData || {};
    CUSTOM_KEYS.forEach(function (key) {
      var value = given[key] !== undefined && given[key] !== null && given[key] !== "" ? given[key] : DISTRICT.defaults[key];
      if (value === undefined || value === null || value === "") return;
      value = String(value).trim();
      if (SAFE_VALUE.test(value)) merged[key] = key === "state" ? value.toUpperCase() : value;
    });
    return merged;
  }

  /* ---- accessibility and safety fixes on top of the widget's own markup ---- */
  function label(element, text) {
    if (element && !element.getAttribute("aria-label")) element.setAttribute("aria-label", text);
  }

  function enhance(root) {
    var log = root.querySelector(".rw-messages-container");
    if (log && !log.getAttribute("role")) {
      log.setAttribute("role", "log");
      log.setAttribute("aria-live", "polite");
      log.setAttribute("aria-label", "Conversation");
      log.setAttribute("tabindex", "0");  // scrollable region reachable by keyboard
    }
    label(root.querySelector(".rw-new-message"), "Type your question");
    label(root.querySelector(".rw-send"), "Send");
    label(root.querySelector(".rw-launcher"), "Open the chat with " + DISTRICT.title);
    label(root.querySelector(".rw-close-button"), "Close the chat");
    Array.prototype.forEach.call(root.querySelectorAll("div.rw-reply"), function (reply) {
      if (reply.getAttribute("role") === "button") return;
      reply.setAttribute("role", "button");
      reply.setAttribute("tabindex", "0");
      reply.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          reply.click();
        }
      });
    });
    Array.prototype.forEach.call(root.querySelectorAll(".rw-message a[href]"), function (link) {
      if (!SAFE_LINK.test(link.getAttribute("href"))) {
        link.removeAttribute("href");  // e.g. javascript: from a Markdown link: keep the words, drop the link
        return;
      }
      link.setAttribute("rel", "noopener noreferrer");
      if (/^https?:/i.test(link.getAttribute("href"))) {
        link.setAttribute("target", "_blank");
        if (!link.getAttribute("aria-label")) link.setAttribute("aria-label", link.textContent + " (opens in a new tab)");
      }
    });
  }

  function watch(root) {
    enhance(root);
    new MutationObserver(function () { enhance(root); }).observe(root, { childList: true, subtree: true });
  }

  function start() {
    if (!window.WebChat || !window.WebChat.default) {
      if (window.console) console.error("Credential Advisor: the chat widget did not load from " + base);
      return;
    }
    var container = user.container ? document.querySelector(user.container) : null;
    var data = customData();
    var colors = DISTRICT.colors || {};
    var schoolName = data.school && DISTRICT.schools[data.school];
    window.WebChat.default({
      socketUrl: user.socketUrl || DISTRICT.rasaUrl,
      socketPath: DISTRICT.socketPath,
      initPayload: "/greet",
      customData: data,
      title: user.title || DISTRICT.title,
      subtitle: user.subtitle || schoolName || DISTRICT.subtitle,
      inputTextFieldHint: "Type your question, then press Enter",
      connectingText: "Connecting…",
      embedded: !!container,
      hideWhenNotConnected: false,
      showFullScreenButton: false,
      showCloseButton: !container,
      displayUnreadCount: false,
      params: { storage: "session" },  // shared school computers: the chat ends when the tab closes
      customMessageDelay: function () { return 250; },
      mainColor: colors.primary,
      userBackgroundColor: colors.primary,
      userTextColor: colors.primary_text,
      assistBackgoundColor: "#ffffff",
      assistTextColor: colors.text
    }, container);
    var root = container || document.body;
    watch(root);
  }

  window.CredentialAdvisor = { started: true, customData: customData };
  var widget = document.createElement("script");
  widget.src = base + "/webchat/index.js";
  widget.async = true;
  widget.onload = start;
  widget.onerror = function () {
    if (window.console) console.error("Credential Advisor: could not load " + widget.src);
  };
  (document.head || document.documentElement).appendChild(widget);
})();
