// ambassador's dashboard works without this script; it only saves clicks.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A sign-in link opened in a browser signs in at once. (Link previews in chat do not run
  // scripts, so they still cannot spend the link.)
  var signIn = document.getElementById("sign-in");
  if (signIn) {
    signIn.submit();
  }
});
