using System.Globalization;

namespace G2G.Runtime.Benchmarks;

/// <summary>Command line of the benchmark program: a mode and <c>--name value</c> options.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        G2G runtime benchmarks. Usage:
          dotnet run -c Release --project bench/G2G.Runtime.Benchmarks -- <mode> [options]

        Modes:
          throughput   persisted 5-step approval vs the bare-transaction floor and the same-rows baseline, 1 and 8 workers
          roundtrips   database commands and transactions per runtime command (EF interceptors)
          inbox        "my open tasks" (and candidate-group inbox) at 1M tasks: load, ANALYZE, plan, p50/p95/p99
          all          the three above, then a summary table
          info         machine, versions and durability settings of each database

        Options:
          --providers sqlite,postgres   databases to measure (default: sqlite, plus postgres when
                                        G2G_BENCH_POSTGRES holds an admin connection string)
          --workers 1,8                 concurrency levels of the throughput mode
          --seconds 16                  measured seconds per configuration and side (runtime, floor, rows)
          --rounds 8                    the measured time is split into rounds, the three sides taking turns
          --warmup 3                    unmeasured seconds per configuration and side before the first round
          --instances 100               instances driven through the interceptors in roundtrips mode
          --tasks 1000000 --users 100000  size of the inbox data set
          --queries 2000                timed inbox queries for random users
          --out DIR                     where results.json and summary.md are written (default: a temp folder)
          --slow-calls                  throughput: time the runtime's database calls (EF interceptor) and list those
                                        over 250 ms; costs the runtime side about 7 %, so off by default
          --allocations                 throughput: sample the runtime side's allocations (AllocationTick) and print
                                        the types they went to
          --organisation                roundtrips: import a small organisation first, so the assignment rules resolve
                                        against it (users, positions, heads, delegations) as in a real installation
          --quick                       a short run: 4 s in 2 rounds, 1 s warm-up, 40 instances, 100k tasks, 10k users, 400 queries
        """;

    public string Mode { get; private set; } = "all";
    public List<string> Providers { get; private set; } = [];
    public List<int> Workers { get; private set; } = [1, 8];
    public double Seconds { get; private set; } = 16;
    public int Rounds { get; private set; } = 8;
    public double Warmup { get; private set; } = 3;
    public int Instances { get; private set; } = 100;
    public int Tasks { get; private set; } = 1_000_000;
    public int Users { get; private set; } = 100_000;
    public int Queries { get; private set; } = 2000;
    public string? OutDirectory { get; private set; }
    public bool Quick { get; private set; }
    public bool SlowCalls { get; private set; }
    public bool Allocations { get; private set; }
    public bool Organisation { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var explicitValues = new HashSet<string>(StringComparer.Ordinal);
        string? providers = null;
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
            options.Mode = args[i++];
        for (; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options.Quick = true;
                continue;
            }
            if (name == "--slow-calls")
            {
                options.SlowCalls = true;
                continue;
            }
            if (name == "--allocations")
            {
                options.Allocations = true;
                continue;
            }
            if (name == "--organisation")
            {
                options.Organisation = true;
                continue;
            }
            if (name is "--help" or "-h")
            {
                options.Mode = "help";
                continue;
            }
            if (i + 1 >= args.Length)
                throw new ArgumentException($"Option {name} needs a value.");
            var value = args[++i];
            explicitValues.Add(name);
            switch (name)
            {
                case "--providers": providers = value; break;
                case "--workers": options.Workers = [.. value.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture))]; break;
                case "--seconds": options.Seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rounds": options.Rounds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": options.Warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--instances": options.Instances = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--tasks": options.Tasks = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--users": options.Users = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--queries": options.Queries = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--out": options.OutDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }
        if (options.Quick)
        {
            // Quick values apply where the command line did not set one.
            if (!explicitValues.Contains("--seconds")) options.Seconds = 4;
            if (!explicitValues.Contains("--rounds")) options.Rounds = 2;
            if (!explicitValues.Contains("--warmup")) options.Warmup = 1;
            if (!explicitValues.Contains("--instances")) options.Instances = 40;
            if (!explicitValues.Contains("--tasks")) options.Tasks = 100_000;
            if (!explicitValues.Contains("--users")) options.Users = 10_000;
            if (!explicitValues.Contains("--queries")) options.Queries = 400;
        }
        options.Providers = BenchDatabase.Providers(providers, "bench/runtime/run.sh");
        if (options.Rounds < 1 || options.Seconds <= 0 || options.Workers.Any(w => w < 1))
            throw new ArgumentException("--rounds, --seconds and --workers must be positive.");
        return options;
    }
}
