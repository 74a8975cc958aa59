// Home page: shows which run store the workbench uses.
"use strict";
Goodhart.api("/api/info").then(i => { document.getElementById("store-info").textContent = `Run store: ${i.store} · version ${i.version}`; }).catch(() => {});
