// Berth portal: small progressive enhancements; every page works without JavaScript.
// Loaded from /portal/static/portal.js (Content-Security-Policy default-src 'self': no inline script).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
    // A "Copy" button on each pull command.
    document.querySelectorAll("pre.command").forEach(function (pre) {
        if (!navigator.clipboard) {
            return;
        }
        var code = pre.querySelector("code");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "copy";
        button.textContent = "Copy";
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(code.textContent).then(function () {
                button.textContent = "Copied";
                setTimeout(function () {
                    button.textContent = "Copy";
                }, 1500);
            });
        });
        pre.appendChild(button);
    });
    // A form is sent once: its submit button is disabled after the first click.
    document.querySelectorAll("form").forEach(function (form) {
        form.addEventListener("submit", function () {
            form.querySelectorAll("button[type=submit]").forEach(function (button) {
                setTimeout(function () {
                    button.disabled = true;
                }, 0);
            });
        });
    });
});
