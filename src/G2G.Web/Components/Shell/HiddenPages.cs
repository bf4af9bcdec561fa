using G2G.Runtime;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Components;

namespace G2G.Web.Components.Shell;

/// <summary>
/// What a page does when the runtime answers "not found" — for something that does not exist and for something the
/// caller may not see alike, as the API answers 404 for both: it records a refusal in the access log, as the API
/// does, and shows the router's not-found page (a 404 when the page is rendered for a request).
/// </summary>
internal static class HiddenPages
{
    public static async Task ShowNotFoundAsync(this NavigationManager navigation, RuntimeException notFound, AccessRefusals refusals)
    {
        if (notFound.Refusal is { } refusal)
            await refusals.RecordAsync(refusal, new Uri(navigation.Uri).AbsolutePath);
        navigation.NotFound();
    }
}
