namespace G2G.Web.Security;

/// <summary>
/// Headers every response carries, pages and API alike: a Content-Security-Policy that allows this site's own
/// scripts, styles (inline ones too: Blazor and bpmn-js set style attributes), images and connections (the Blazor
/// WebSocket is same-origin), and no framing by other sites; no MIME sniffing; no referrer to other sites.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        + "frame-ancestors 'none'";

    /// <summary>Adds the headers as the response starts, so error pages and problem answers written later carry them too.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
