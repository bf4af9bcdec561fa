using System.Globalization;
using G2G.Runtime;
using G2G.Runtime.Security;
using G2G.Web.Components.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace G2G.Web.Components.Admin;

/// <summary>
/// What every section of /admin shares: its texts, the administrator acting, the dialogs and snackbars, running a
/// change of the runtime so that a refusal is said in the reader's language and nothing else happens, and loads that
/// leaving the page cancels (<see cref="LoadingComponent"/>).
/// </summary>
public abstract class AdminSection : LoadingComponent
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

    /// <summary>How long a change runs before it says that it is working.</summary>
    private static readonly TimeSpan HalfASecond = TimeSpan.FromMilliseconds(500);

    /// <summary>A change is being asked about or made; another is not begun meanwhile (a double click).</summary>
    private bool _changing;

    /// <summary>
    /// Runs a change; says <paramref name="done"/> when it succeeded, the runtime's refusal when not. True when it succeeded.
    /// A change that takes longer than half a second says that it is working until it is done.
    /// </summary>
    protected async Task<bool> ChangeAsync(Func<Task> change, string done)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            var running = change();
            if (await Task.WhenAny(running, Task.Delay(HalfASecond)) != running)
            {
                var working = Snackbar.Add(T["Working"], Severity.Info, options => options.RequireInteraction = true);
                try
                {
                    await running;
                }
                finally
                {
                    if (working is not null)
                        Snackbar.Remove(working);
                }
            }
            await running;
        }
        catch (RuntimeException refused)
        {
            Snackbar.Add(refused.Text.InCurrentCulture(), Severity.Warning);
            return false;
        }
        Snackbar.Add(done, Severity.Success);
        return true;
    }

    /// <summary>Asks in words, then runs the change; while one is asked or made, a second (a double click) is not begun.</summary>
    protected async Task<bool> ConfirmAndChangeAsync(string question, string action, Func<Task> change, string done, bool danger = false)
    {
        if (_changing)
            return false;
        _changing = true;
        try
        {
            return await Dialogs.ConfirmAsync(action, question, action, danger) && await ChangeAsync(change, done);
        }
        finally
        {
            _changing = false;
        }
    }
}
