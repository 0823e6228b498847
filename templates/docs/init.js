// The docs page's one script of its own: renders the OpenAPI reference with Swagger UI from the
// embedded document. Opened from disk the page makes no request (try-it is off); served by
// `tf2openapi serve`, the page's own origin is the first server, so try-it reaches the proxy or mock.
(function () {
  var spec = JSON.parse(document.getElementById('tf2openapi-spec').textContent);
  var served = location.protocol === 'http:' || location.protocol === 'https:';
  if (served) spec.servers = [{ url: location.origin, description: 'tf2openapi serve (mock or proxy)' }].concat(spec.servers || []);
  window.ui = SwaggerUIBundle({
    spec: spec,
    domNode: document.getElementById('reference'),
    validatorUrl: null,
    deepLinking: false,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    supportedSubmitMethods: served ? ['get', 'post'] : [],
  });
})();
