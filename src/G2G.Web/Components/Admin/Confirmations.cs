using MudBlazor;

namespace G2G.Web.Components.Admin;

/// <summary>Asks through <see cref="ConfirmDialog"/>; true when the person confirmed.</summary>
internal static class Confirmations
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string question, string action, bool danger = false)
    {
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, new DialogParameters<ConfirmDialog>
        {
            { d => d.Question, question }, { d => d.Action, action }, { d => d.Danger, danger },
        });
        return await dialog.Result is { Canceled: false };
    }
}
