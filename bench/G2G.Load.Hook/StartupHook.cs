using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

/// <summary>
/// Counts, in the process it is loaded into, what EF Core reports through its <c>Microsoft.EntityFrameworkCore</c>
/// DiagnosticListener: transactions committed and rolled back, and commands run outside a transaction (each of
/// which the database commits on its own: a write, or a read, which PostgreSQL's <c>xact_commit</c> counts too).
/// Every 200 ms it writes <c>committed rolledBack autocommitted</c> to the file named by <c>G2G_LOAD_COUNTER_FILE</c>
/// (written aside and renamed, so a reader never sees half a line). Commands the host runs without EF are not seen.
/// </summary>
internal static class StartupHook
{
    public const string FileVariable = "G2G_LOAD_COUNTER_FILE";

    private static long _committed, _rolledBack, _autocommitted;
    private static Timer? _timer;

    public static void Initialize()
    {
        var file = Environment.GetEnvironmentVariable(FileVariable);
        if (string.IsNullOrEmpty(file))
            return;
        DiagnosticListener.AllListeners.Subscribe(new Listeners());
        _timer = new Timer(_ => Write(file), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    private static void Write(string file)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Interlocked.Read(ref _committed)} {Interlocked.Read(ref _rolledBack)} {Interlocked.Read(ref _autocommitted)}\n");
        try
        {
            File.WriteAllText(file + ".tmp", line);
            File.Move(file + ".tmp", file, overwrite: true);
        }
        catch (IOException)
        {
            // The next tick writes again.
        }
    }

    private sealed class Listeners : IObserver<DiagnosticListener>
    {
        private const string Transaction = "Microsoft.EntityFrameworkCore.Database.Transaction.";
        private const string CommandExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.EntityFrameworkCore")
                listener.Subscribe(new Events(), name => name.StartsWith(Transaction, StringComparison.Ordinal) || name == CommandExecuted);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class Events : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            switch (value.Key)
            {
                case "Microsoft.EntityFrameworkCore.Database.Transaction.TransactionCommitted":
                    Interlocked.Increment(ref _committed);
                    break;
                case "Microsoft.EntityFrameworkCore.Database.Transaction.TransactionRolledBack":
                    Interlocked.Increment(ref _rolledBack);
                    break;
                case "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted" when Command(value.Value) is { Transaction: null }:
                    Interlocked.Increment(ref _autocommitted);
                    break;
            }
        }

        private static (Type Type, System.Reflection.PropertyInfo? Property) _command;

        /// <summary>The command of EF's CommandExecutedEventData, read by name (the hook cannot reference EF Core); the property is looked up once.</summary>
        private static DbCommand? Command(object? payload)
        {
            if (payload is null)
                return null;
            var known = _command;
            if (known.Type != payload.GetType())
                _command = known = (payload.GetType(), payload.GetType().GetProperty("Command"));
            return known.Property?.GetValue(payload) as DbCommand;
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
