using System.Text.Encodings.Web;
using System.Text.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Security;

/// <summary>A refused access: who, what they tried on which item, and why. Kept on the exception, audited by <see cref="AccessRefusals"/>.</summary>
public sealed record AccessRefusal(string Actor, string Operation, string Target, string Reason);

/// <summary>
/// Builds the refusals of the access rules and appends them to the audit chain <see cref="AuditLog.AccessChain"/>.
/// An item the caller may not see is refused as not found (its existence is not revealed), anything else as not allowed.
/// </summary>
public sealed class AccessRefusals(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The caller may not see the item: the same message as for an item that does not exist.</summary>
    public static RuntimeException Hidden(Caller caller, RuntimeText notFound, string target, string operation) =>
        new(RuntimeErrorCode.NotFound, notFound) { Refusal = new AccessRefusal(caller.UserId, operation, target, "not visible to the caller") };

    /// <summary>The caller sees the item but may not do this.</summary>
    public static RuntimeException Forbidden(Caller caller, RuntimeText reason, string target, string operation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(reason);
        return new(RuntimeErrorCode.NotAllowed, reason) { Refusal = new AccessRefusal(caller.UserId, operation, target, reason.English) };
    }

    /// <summary>An operation only administrators may carry out.</summary>
    public static void RequireAdministrator(CallerContext context, string operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Current is { IsAdministrator: false } caller)
            throw Forbidden(caller, RuntimeMessages.OnlyAdministrators(operation), operation, operation);
    }

    /// <summary>An operation on definitions: administrators and process designers (<see cref="SystemRoles.Designer"/>).</summary>
    public static void RequireDesigner(CallerContext context, string operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Current is { IsDesigner: false } caller)
            throw Forbidden(caller, RuntimeMessages.OnlyDesigners(operation), operation, operation);
    }

    /// <summary>Appends the refusal to the access chain in its own transaction (the refused work was rolled back).</summary>
    public async Task RecordAsync(AccessRefusal refusal, string? where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            AuditLog.Append(db, AuditLog.AccessChain, new AuditEntry(refusal.Actor, "access.refused", Outcome: refusal.Operation, Comment: refusal.Reason,
                Data: JsonSerializer.Serialize(new { target = refusal.Target, where }, Json)), clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another refusal took the chain's next sequence number first: append after it.
            }
        }
    }
}
