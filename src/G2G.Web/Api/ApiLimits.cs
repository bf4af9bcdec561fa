namespace G2G.Web.Api;

/// <summary>
/// What one API request may carry (<c>Api:Limits:*</c>, docs/api.md "Limits"); beyond it the request is refused
/// with 400 <c>validation</c> naming the field, or 413 <c>too-large</c> for the whole body.
/// </summary>
public sealed class ApiLimits
{
    public const string Section = "Api:Limits";

    /// <summary>A JSON request body, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>A BPMN file or an organisation file, in bytes.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The <c>variables</c> of one request, in bytes of JSON.</summary>
    public int MaxVariablesBytes { get; set; } = 64 * 1024;

    /// <summary>A short text: title, business key, name, id, outcome.</summary>
    public int MaxTextLength { get; set; } = 200;

    /// <summary>A comment (审批意见) or a reason.</summary>
    public int MaxCommentLength { get; set; } = 2000;
}
