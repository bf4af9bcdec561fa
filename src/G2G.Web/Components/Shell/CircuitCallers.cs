using System.Security.Claims;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace G2G.Web.Components.Shell;

/// <summary>
/// An interactive page runs in a circuit, outside any HTTP request, so the request's <see cref="CallerMiddleware"/>
/// never sets its caller. Before every event of the circuit this sets <see cref="CallerContext.Current"/> from the
/// signed-in user, as the middleware does per request, so the runtime's services apply the same access rules to a
/// page as to the API. Without a user (or for a deactivated one) the caller is an empty placeholder that sees nothing:
/// a circuit never runs as the host's trusted code.
/// </summary>
internal sealed class CircuitCallers(AuthenticationStateProvider authentication, CallerContext callers, CallerDirectory directory)
    : CircuitHandler
{
    /// <summary>Whom nothing is visible to: no agency, no clearance, no roles.</summary>
    private static readonly Caller Nobody = new("", "", null, G2G.Runtime.Organisation.ClearanceLevel.Unclassified, [], [], []);

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            var userId = state.User.Identity?.IsAuthenticated == true ? state.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            callers.Current = userId is null ? Nobody : await directory.FindAsync(userId) ?? Nobody;
            await next(context);
        };
}
