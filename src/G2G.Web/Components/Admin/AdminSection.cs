using System.Globalization;
using G2G.Runtime;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace G2G.Web.Components.Admin;

/// <summary>
/// What every section of /admin shares: its texts, the administrator acting, the dialogs and snackbars, and running a
/// change of the runtime so that a refusal is said in the reader's language and nothing else happens.
/// </summary>
public abstract class AdminSection : ComponentBase
{
    [Inject]
    protected IStringLocalizer<AdminText> T { get; set; } = default!;

    [Inject]
    protected CallerContext Callers { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The administrator, as the runtime records who acted.</summary>
    protected string Actor => (Callers.Current ?? throw new InvalidOperationException("Administration needs a signed-in caller.")).UserId;

    /// <summary>"{0}" of a text with arguments, in the page's language.</summary>
    protected string Say(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, T[key], arguments);

    /// <summary>Runs a change; says <paramref name="done"/> when it succeeded, the runtime's refusal when not. True when it succeeded.</summary>
    protected async Task<bool> ChangeAsync(Func<Task> change, string done)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change();
        }
        catch (RuntimeException refused)
        {
            Snackbar.Add(refused.Text.InCurrentCulture(), Severity.Warning);
            return false;
        }
        Snackbar.Add(done, Severity.Success);
        return true;
    }

    /// <summary>Asks in words, then runs the change.</summary>
    protected async Task<bool> ConfirmAndChangeAsync(string question, string action, Func<Task> change, string done, bool danger = false) =>
        await Dialogs.ConfirmAsync(action, question, action, danger) && await ChangeAsync(change, done);
}
