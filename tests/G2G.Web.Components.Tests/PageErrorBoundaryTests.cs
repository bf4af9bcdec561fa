using Bunit;
using G2G.Web.Components.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Components.Tests;

/// <summary>No unhandled exception reaches the user: a message and a reference id, and the same id in the log.</summary>
public sealed class PageErrorBoundaryTests : WorkContext
{
    private readonly CapturingLogs _log = new();

    public PageErrorBoundaryTests() => Context.Services.AddSingleton<ILoggerFactory>(_log);

    [Fact]
    public void AComponentThatThrows_ShowsAMessageAndAReference_ThatIsInTheLog()
    {
        var page = Context.Render<PageErrorBoundary>(p => p.AddChildContent<Failing>());

        Assert.IsType<InvalidOperationException>(_log.PageError(page.Find("[data-page-error]")));
    }

    private sealed class Failing : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("The database went away.");
    }
}
