namespace G2G.Http.Benchmarks;

/// <summary>Command line of the HTTP benchmark: <c>--name value</c> options.</summary>
internal sealed class HttpOptions
{
    public const string Usage = """
        G2G HTTP benchmark: inbox and supervision endpoints of the real web host, with the in-process baseline. Usage:
          dotnet run -c Release --project bench/G2G.Http.Benchmarks -- [options]

        Options:
          --providers sqlite,postgres   databases (default: sqlite, plus postgres when G2G_BENCH_POSTGRES is set)
          --tasks 1000000 --users 100000  size of the data set
          --clients 50                  concurrent clients, over HTTP and in-process alike
          --seconds 5                   measured seconds per round and side
          --rounds 3                    rounds per series; HTTP and in-process alternate
          --warmup 3                    unmeasured seconds per side before a series
          --signins 1000                random users signed in (the busy users: a fifth of it)
          --max-alone 1000              a series whose request alone takes longer (ms) is not driven with every client
          --series TEXT[,TEXT]          only the series whose name contains one of the TEXTs
          --out DIR                     where results.json and summary.md are written (default: a temp folder)
          --quick                       100k tasks, 10k users, 200 sign-ins, 1 round of 2 s, 1 s warm-up
        """;

    public List<string> Providers { get; private set; } = [];
    public int Tasks { get; private set; } = 1_000_000;
    public int Users { get; private set; } = 100_000;
    public int Clients { get; private set; } = 50;
    public double Seconds { get; private set; } = 5;
    public int Rounds { get; private set; } = 3;
    public double Warmup { get; private set; } = 3;
    public int SignIns { get; private set; } = 1000;
    public double MaxAloneMs { get; private set; } = 1000;
    public List<string> SeriesFilter { get; private set; } = [];
    public string? OutDirectory { get; private set; }
    public bool Quick { get; private set; }
    public bool Help { get; private set; }

    public static HttpOptions Parse(string[] args)
    {
        var options = new HttpOptions();
        var line = CommandLine.Parse(args, "--quick", "--help", "-h");
        options.Quick = line.Has("--quick");
        options.Help = line.Has("--help") || line.Has("-h");
        string? providers = null;
        foreach (var (name, value) in line.Options)
        {
            switch (name)
            {
                case "--providers": providers = value; break;
                case "--tasks": options.Tasks = CommandLine.Int(value); break;
                case "--users": options.Users = CommandLine.Int(value); break;
                case "--clients": options.Clients = CommandLine.Int(value); break;
                case "--seconds": options.Seconds = CommandLine.Double(value); break;
                case "--rounds": options.Rounds = CommandLine.Int(value); break;
                case "--warmup": options.Warmup = CommandLine.Double(value); break;
                case "--signins": options.SignIns = CommandLine.Int(value); break;
                case "--max-alone": options.MaxAloneMs = CommandLine.Double(value); break;
                case "--series": options.SeriesFilter = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--out": options.OutDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }
        if (options.Quick)
        {
            // Quick values apply where the command line did not set one.
            if (!line.Given("--tasks")) options.Tasks = 100_000;
            if (!line.Given("--users")) options.Users = 10_000;
            if (!line.Given("--signins")) options.SignIns = 200;
            if (!line.Given("--rounds")) options.Rounds = 1;
            if (!line.Given("--seconds")) options.Seconds = 2;
            if (!line.Given("--warmup")) options.Warmup = 1;
        }
        options.Providers = BenchDatabase.Providers(providers, "bench/http/run.sh");
        if (options.Clients < 1 || options.Rounds < 1 || options.Seconds <= 0 || options.SignIns < 5 || options.SignIns > options.Users)
            throw new ArgumentException("--clients, --rounds, --seconds must be positive and --signins between 5 and --users.");
        return options;
    }
}
