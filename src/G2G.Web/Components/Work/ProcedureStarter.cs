using System.Globalization;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.Extensions.Localization;

namespace G2G.Web.Components.Work;

/// <summary>What starting a procedure led to: the new instance and, when its first step is the starter's own, that task.</summary>
public sealed record StartOutcome(long InstanceId, long? FirstTaskId);

/// <summary>
/// Starts a procedure for the signed-in person, as the catalog (/start) and the workbench's shortcuts (/) do: titled
/// "procedure · person", with the person as initiator; the first open step that is theirs is the form to open.
/// A refusal is the runtime's <see cref="G2G.Runtime.RuntimeException"/>, in the reader's language.
/// </summary>
public sealed class ProcedureStarter(
    InstanceService instances, RuntimeQueries queries, OrganisationQueries people, CallerContext callers, IStringLocalizer<WorkText> text)
{
    /// <summary>The procedure's name in the page's language (its diagram's bilingual name), else its key.</summary>
    public static string Name(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Name is { } name ? FormModel.LocalLabel(name) : entry.ProcessKey;
    }

    public async Task<StartOutcome> StartAsync(CatalogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var caller = callers.Current ?? throw new InvalidOperationException("Starting needs a signed-in caller.");
        var person = (await people.GetUserAsync(caller.UserId, cancellationToken)).User.DisplayName;
        var title = string.Format(CultureInfo.CurrentCulture, text["NewTitle"], Name(entry), person);
        var id = await instances.StartAsync(new StartInstance(entry.ProcessKey, Title: title, Initiator: caller.UserId), cancellationToken);
        var first = await queries.ListTasksAsync(new TaskFilter(caller.UserId, TaskStates.Open, InstanceId: id), 1, 1, cancellationToken);
        return new StartOutcome(id, first.Items.Count > 0 ? first.Items[0].Id : null);
    }
}
