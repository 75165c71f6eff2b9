// Sends the CSRF token with every htmx request, so partial updates pass the same checks as forms.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// On a phone the navigation starts folded away behind the menu button.
document.addEventListener("DOMContentLoaded", function () {
  var menu = document.querySelector("details.menu");
  if (menu && window.matchMedia("(max-width: 720px)").matches) {
    menu.removeAttribute("open");
  }
});
