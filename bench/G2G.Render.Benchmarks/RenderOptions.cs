namespace G2G.Render.Benchmarks;

/// <summary>Command line of the render benchmark: <c>--name value</c> options and the <c>--full</c> switch.</summary>
internal sealed class RenderOptions
{
    public const string Usage = """
        G2G render benchmark: /inbox and /supervision opened in Debian's Chromium against the real web host, beside the same
        data over the REST API and the components' service calls in-process; then the memory of open circuits. Usage:
          dotnet run -c Release --project bench/G2G.Render.Benchmarks -- [options]

        Options:
          --providers sqlite,postgres   databases (default: sqlite, plus postgres when G2G_BENCH_POSTGRES is set)
          --tasks 100000 --users 10000  size of the data set (--full: 1,000,000 tasks and 100,000 users)
          --rounds 5                    measured opens per page, each beside one REST and one in-process load (--full: 10)
          --circuits 50                 pages kept open at once for the memory per circuit (--full: 100)
          --idle 10                     seconds the open circuits are watched idle, for the host's CPU (badge polling)
          --series TEXT                 only the pages whose name contains TEXT (the memory phase runs regardless)
          --out DIR                     where results.json and summary.md are written (default: a temp folder)
          --gcdump DIR                  heap dumps of the host with no and with all circuits open, and the types that grew
                                        most per circuit (needs dotnet-gcdump: dotnet tool install -g dotnet-gcdump)
          --full                        the issue's volume: 1,000,000 tasks, 100,000 users, 10 rounds, 100 circuits
        """;

    public List<string> Providers { get; private set; } = [];
    public int Tasks { get; private set; } = 100_000;
    public int Users { get; private set; } = 10_000;
    public int Rounds { get; private set; } = 5;
    public int Circuits { get; private set; } = 50;
    public double IdleSeconds { get; private set; } = 10;
    public string? SeriesFilter { get; private set; }
    public string? OutDirectory { get; private set; }
    public string? HeapDumpDirectory { get; private set; }
    public bool Full { get; private set; }
    public bool Help { get; private set; }

    public static RenderOptions Parse(string[] args)
    {
        var options = new RenderOptions();
        var line = CommandLine.Parse(args, "--full", "--help", "-h");
        options.Full = line.Has("--full");
        options.Help = line.Has("--help") || line.Has("-h");
        string? providers = null;
        if (options.Full)
            (options.Tasks, options.Users, options.Rounds, options.Circuits) = (1_000_000, 100_000, 10, 100);
        foreach (var (name, value) in line.Options)
        {
            switch (name)
            {
                case "--providers": providers = value; break;
                case "--tasks": options.Tasks = CommandLine.Int(value); break;
                case "--users": options.Users = CommandLine.Int(value); break;
                case "--rounds": options.Rounds = CommandLine.Int(value); break;
                case "--circuits": options.Circuits = CommandLine.Int(value); break;
                case "--idle": options.IdleSeconds = CommandLine.Double(value); break;
                case "--series": options.SeriesFilter = value; break;
                case "--out": options.OutDirectory = value; break;
                case "--gcdump": options.HeapDumpDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }
        options.Providers = BenchDatabase.Providers(providers, "bench/render/run.sh");
        if (options.Rounds < 1 || options.Circuits < 2 || options.IdleSeconds < 0)
            throw new ArgumentException("--rounds must be positive, --circuits at least 2 and --idle not negative.");
        if (options.Users < InboxData.BusyUsers)
            throw new ArgumentException($"--users must be at least {InboxData.BusyUsers} (the busy users).");
        return options;
    }
}
