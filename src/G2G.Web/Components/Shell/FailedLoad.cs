using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Components;

namespace G2G.Web.Components.Shell;

/// <summary>
/// Throws a page's load failure inside the page's <see cref="PageErrorBoundary"/>, which logs it (with its own stack)
/// under a reference and shows the message; the page itself is outside that boundary.
/// </summary>
public sealed class FailedLoad : ComponentBase
{
    [Parameter, EditorRequired]
    public Exception Failure { get; set; } = default!;

    protected override void OnParametersSet() => ExceptionDispatchInfo.Throw(Failure);
}
