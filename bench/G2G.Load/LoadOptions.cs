namespace G2G.Load;

/// <summary>Command line of the load driver: <c>--name value</c> options.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        G2G load driver: a province working over HTTP against real G2G nodes. Usage:
          dotnet run -c Release --project bench/G2G.Load -- [options]

        What runs:
          --mode province               province: the demo province (示范省) works its inboxes and starts the shipped
                                        procedures; volume: a pre-filled database (--tasks, --people) read by many
                                        people with think time (inbox, badges, 已办, history, supervision)
          --configs sqlite,postgres,postgres-x2
                                        node sets started in turn, each on a fresh database: one node on SQLite, one on
                                        PostgreSQL, two on one PostgreSQL (default: all three, volume mode: postgres; the
                                        PostgreSQL ones need G2G_BENCH_POSTGRES, which bench/load/run.sh sets)
          --url URL[,URL]               drive nodes already running instead (province mode; --password is then needed)
          --password TEXT               the demo users' password of nodes given with --url
          --database TEXT               with --url: a connection string of the nodes' PostgreSQL database, for its commit rate
          --web PATH                    G2G.Web.dll to start (default: src/G2G.Web/bin/Release/net10.0/G2G.Web.dll)

        The people:
          --users 50                    concurrent people (sessions); in province mode spread over the demo's users
                                        (volume mode: 500)
          --think 0.5                   mean think time between two actions of one person, seconds (exponential;
                                        volume mode: 5)
          --start-rate 60               procedures started per minute, all people together
          --procedures leave,supplies,vehicle,travel,purchase
          --send-back 0.1               share of 请假 approvals sent back (退回) to the applicant instead of approved
          --warmup 15                   unmeasured seconds first (volume mode: 60)
          --seconds 120                 measured seconds (volume mode: 600)
          --tasks 1160000 --people 100000   volume mode: size of the pre-filled database (8.6 % open: about
                                        1,000,000 completed and 100,000 open)

        Output:
          --record FILE                 every write the driver made, one JSON object a line (time, node, person,
                                        operation, ids, HTTP status, outcome), to compare with the audit log
          --out DIR                     where results.json and summary.md are written (default: a temp folder)
          --quick                       10 s measured after 3 s, 20 people (volume: 30 s after 10 s, 100 people,
                                        100,000 tasks of 10,000 people)
        """;

    public string Mode { get; private set; } = "province";
    public List<string> Configs { get; private set; } = [];
    public List<Uri> Urls { get; private set; } = [];
    public string? Password { get; private set; }
    public string? Database { get; private set; }
    public string? Web { get; private set; }
    public int Users { get; private set; } = 50;
    public double Think { get; private set; } = 0.5;
    public double StartRate { get; private set; } = 60;
    public List<string> Procedures { get; private set; } = [.. Procedure.Catalog.Keys];
    public double SendBack { get; private set; } = 0.1;
    public double Warmup { get; private set; } = 15;
    public double Seconds { get; private set; } = 120;
    public int Tasks { get; private set; } = 1_160_000;
    public int People { get; private set; } = 100_000;
    public string? Record { get; private set; }
    public string? OutDirectory { get; private set; }
    public bool Quick { get; private set; }
    public bool Help { get; private set; }

    public bool Volume => Mode == "volume";

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        var line = CommandLine.Parse(args, "--quick", "--help", "-h");
        options.Quick = line.Has("--quick");
        options.Help = line.Has("--help") || line.Has("-h");
        string? configs = null;
        foreach (var (name, value) in line.Options)
        {
            switch (name)
            {
                case "--mode": options.Mode = value is "province" or "volume" ? value : throw new ArgumentException("--mode is province or volume."); break;
                case "--configs": configs = value; break;
                case "--url": options.Urls = [.. List(value).Select(u => new Uri(u))]; break;
                case "--password": options.Password = value; break;
                case "--database": options.Database = value; break;
                case "--web": options.Web = value; break;
                case "--users": options.Users = CommandLine.Int(value); break;
                case "--think": options.Think = CommandLine.Double(value); break;
                case "--start-rate": options.StartRate = CommandLine.Double(value); break;
                case "--procedures": options.Procedures = List(value); break;
                case "--send-back": options.SendBack = CommandLine.Double(value); break;
                case "--warmup": options.Warmup = CommandLine.Double(value); break;
                case "--seconds": options.Seconds = CommandLine.Double(value); break;
                case "--tasks": options.Tasks = CommandLine.Int(value); break;
                case "--people": options.People = CommandLine.Int(value); break;
                case "--record": options.Record = value; break;
                case "--out": options.OutDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }
        // Volume mode's own defaults, then the quick values, where the command line did not set one.
        void Default(string name, Action set)
        {
            if (!line.Given(name))
                set();
        }
        if (options.Volume)
        {
            Default("--users", () => options.Users = 500);
            Default("--think", () => options.Think = 5);
            Default("--warmup", () => options.Warmup = 60);
            Default("--seconds", () => options.Seconds = 600);
            configs ??= "postgres";
        }
        if (options.Quick)
        {
            Default("--seconds", () => options.Seconds = options.Volume ? 30 : 10);
            Default("--warmup", () => options.Warmup = options.Volume ? 10 : 3);
            Default("--users", () => options.Users = options.Volume ? 100 : 20);
            Default("--tasks", () => options.Tasks = 100_000);
            Default("--people", () => options.People = 10_000);
        }
        options.Configs = configs is null
            ? BenchDatabase.PostgresAdmin is null ? ["sqlite"] : ["sqlite", "postgres", "postgres-x2"]
            : List(configs);
        foreach (var config in options.Configs)
        {
            if (config is not ("sqlite" or "postgres" or "postgres-x2"))
                throw new ArgumentException($"Unknown configuration '{config}': sqlite, postgres or postgres-x2.");
            if (config != "sqlite" && BenchDatabase.PostgresAdmin is null && options.Urls.Count == 0)
                throw new ArgumentException($"{config} needs {BenchDatabase.PostgresVariable} (an admin connection string); bench/load/run.sh starts a cluster and sets it.");
        }
        if (options.Urls.Count > 0 && (options.Password is null || options.Volume))
            throw new ArgumentException("--url drives running nodes in province mode and needs --password (their demo users' password).");
        if (options.Procedures.FirstOrDefault(p => !Procedure.Catalog.ContainsKey(p)) is { } unknown)
            throw new ArgumentException($"Unknown procedure '{unknown}': {string.Join(", ", Procedure.Catalog.Keys)}.");
        if (options.Users < 1 || options.Seconds <= 0 || options.Warmup < 0 || options.Think < 0 || options.StartRate < 0
            || options.SendBack is < 0 or > 1 || options.People < 1000)
            throw new ArgumentException("--users and --seconds must be positive, --warmup, --think and --start-rate not negative, --send-back between 0 and 1, --people at least 1000.");
        return options;
    }

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
