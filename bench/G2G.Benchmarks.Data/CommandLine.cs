using System.Globalization;

namespace G2G.Benchmarks.Data;

/// <summary>
/// A benchmark's command line: switches without a value (<c>--quick</c>) and <c>--name value</c> options, in the order
/// given. <see cref="Given"/> tells which options the command line set, so quick or mode defaults apply only elsewhere.
/// </summary>
internal sealed class CommandLine
{
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Value)> _options = [];

    private CommandLine()
    {
    }

    /// <summary>The options with a value, in order; an unknown name is for the caller to refuse.</summary>
    public IReadOnlyList<(string Name, string Value)> Options => _options;

    /// <summary>Reads <paramref name="args"/>; a name that is not one of <paramref name="switches"/> takes the next argument as its value.</summary>
    public static CommandLine Parse(string[] args, params string[] switches)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Length; i++)
        {
            if (switches.Contains(args[i], StringComparer.Ordinal))
            {
                line._switches.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Length)
                throw new ArgumentException($"Option {args[i]} needs a value.");
            line._options.Add((args[i], args[++i]));
        }
        return line;
    }

    public bool Has(string name) => _switches.Contains(name);

    public bool Given(string name) => _options.Any(o => o.Name == name);

    public static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    public static double Double(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}

/// <summary>The entry point every benchmark program shares: its options parsed, usage on a bad command line or <c>--help</c>, then the run.</summary>
internal static class BenchProgram
{
    /// <summary>Exit code 2 after the reason and the usage for a bad command line; 0 after the usage for help; else what <paramref name="run"/> returns.</summary>
    public static async Task<int> RunAsync<TOptions>(string[] args, Func<string[], TOptions> parse, Func<TOptions, bool> help, string usage,
        Func<TOptions, Task<int>> run)
    {
        TOptions options;
        try
        {
            options = parse(args);
        }
        catch (Exception failure) when (failure is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(failure.Message);
            Console.Error.WriteLine(usage);
            return 2;
        }
        if (help(options))
        {
            Console.WriteLine(usage);
            return 0;
        }
        return await run(options);
    }
}
