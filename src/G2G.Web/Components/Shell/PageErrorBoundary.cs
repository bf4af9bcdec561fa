using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace G2G.Web.Components.Shell;

/// <summary>
/// Catches what a page's components throw (loading, rendering, handling a click) so no unhandled exception reaches the
/// user: the page shows a message with a reference id, and the log has the exception under the same id for whoever
/// looks into it. The circuit lives on; "try again" renders the page's content afresh, or, when the page's own load
/// failed (<see cref="ReloadOnRetry"/>), loads the page again.
/// </summary>
public sealed partial class PageErrorBoundary : ErrorBoundaryBase
{
    [Inject] private ILogger<PageErrorBoundary> Logger { get; set; } = default!;

    [Inject] private IStringLocalizer<UiText> T { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>"Try again" reloads the page: what failed was the page's own load, which rendering afresh does not repeat.</summary>
    [Parameter]
    public bool ReloadOnRetry { get; set; }

    /// <summary>The id of the last error, shown to the user and written to the log.</summary>
    public string? Reference { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        Reference = NewReference();
        LogUnhandled(Logger, exception, Reference, Navigation.Uri);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }
        builder.OpenComponent<MudAlert>(1);
        builder.AddComponentParameter(2, nameof(MudAlert.Severity), Severity.Error);
        builder.AddAttribute(3, "role", "alert");
        builder.AddAttribute(4, "data-page-error", Reference);
        builder.AddComponentParameter(5, nameof(MudAlert.ChildContent), (RenderFragment)(alert =>
        {
            alert.OpenElement(0, "p");
            alert.AddContent(1, T["PageErrorText"]);
            alert.CloseElement();
            alert.OpenElement(2, "p");
            alert.AddContent(3, T["PageErrorReference"]);
            alert.AddContent(4, " ");
            alert.OpenElement(5, "code");
            alert.AddContent(6, Reference);
            alert.CloseElement();
            alert.CloseElement();
            alert.OpenComponent<MudButton>(7);
            alert.AddComponentParameter(8, nameof(MudButton.Variant), Variant.Outlined);
            alert.AddComponentParameter(9, nameof(MudButton.OnClick), EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, Retry));
            alert.AddComponentParameter(10, nameof(MudButton.ChildContent), (RenderFragment)(b => b.AddContent(0, T["PageErrorRetry"])));
            alert.CloseComponent();
        }));
        builder.CloseComponent();
    }

    private void Retry()
    {
        if (ReloadOnRetry)
            Navigation.Refresh(forceReload: true);
        else
            Recover();
    }

    /// <summary>Eight characters, easy to read out on the phone (no look-alikes).</summary>
    private static string NewReference() => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Unhandled exception on page {Page}, reference {Reference}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string reference, string page);
}
