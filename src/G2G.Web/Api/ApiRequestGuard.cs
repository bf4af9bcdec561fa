using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace G2G.Web.Api;

/// <summary>Marks an operation whose body is a file (BPMN, organisation import): it may be up to <see cref="ApiLimits.MaxFileBytes"/>.</summary>
internal sealed class FileBodyMetadata;

/// <summary>
/// Before any API operation reads a body: a Content-Type that cannot be parsed, or names an unknown charset, is 415;
/// a body larger than <see cref="ApiLimits"/> allows is 413, announced by Content-Length or found while reading.
/// </summary>
internal sealed class ApiRequestGuard(RequestDelegate next, IOptionsMonitor<ApiLimits> limits)
{
    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentType is { } contentType && !IsReadable(contentType))
            return Refuse(http, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", ApiText.Get("UnknownCharset", contentType));
        var max = http.GetEndpoint()?.Metadata.GetMetadata<FileBodyMetadata>() is null ? limits.CurrentValue.MaxBodyBytes : limits.CurrentValue.MaxFileBytes;
        if (request.ContentLength > max)
            return Refuse(http, StatusCodes.Status413PayloadTooLarge, "too-large", ApiText.Get("BodyTooLarge", max));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = max;
        return next(http);
    }

    private static bool IsReadable(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
            return false;
        if (!media.Charset.HasValue)
            return true;
        try
        {
            _ = Encoding.GetEncoding(media.Charset.Value!);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Task Refuse(HttpContext http, int status, string code, string detail) =>
        TypedResults.Problem(ApiProblems.Problem(status, code, detail)).ExecuteAsync(http);
}
