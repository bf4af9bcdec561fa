using G2G.Runtime.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Http.Benchmarks;

/// <summary>
/// The real web host (G2G.Web's Program.cs, its middleware, endpoints and services) on Kestrel at a free
/// loopback port, pointed at the benchmark database as an operator would point it. Unlike production: no demo
/// organisation, no procedures deployed (an empty workflows folder), no job executor or outbox dispatcher,
/// no sign-in rate limit, no logging but <see cref="Commands"/>, and password hashes with <see cref="Organisation.HashIterations"/> PBKDF2 rounds so
/// signing in a thousand users takes seconds (sign-in is set-up here, not measured).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852:Seal internal types",
    Justification = "The render benchmark, which compiles this file too, derives its host from it.")]
internal class BenchHost : WebApplicationFactory<Program>
{
    private readonly DatabaseSettings _database;
    private readonly string _folder;
    private readonly IReadOnlyDictionary<string, string> _tokens;

    public BenchHost(DatabaseSettings database, string folder, IReadOnlyDictionary<string, string> tokens)
    {
        _database = database;
        _folder = folder;
        _tokens = tokens;
        UseKestrel(0);
    }

    /// <summary>The host's SQL commands, recorded on demand (the host logs nothing else).</summary>
    public CommandLog Commands { get; } = new();

    /// <summary>The address Kestrel bound, once started.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts the host and reads its address.</summary>
    public void Start()
    {
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var workflows = Directory.CreateDirectory(Path.Combine(_folder, "workflows")).FullName; // empty: nothing to deploy
        var settings = new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = _database.Provider.ToString(),
            [DatabaseSettings.ConnectionStringKey] = _database.ConnectionString,
            ["Demo:Seed"] = "false",
            ["Runtime:WorkflowsPath"] = workflows,
            ["Runtime:Jobs:Enabled"] = "false",
            ["Security:SignIn:PermitsPerMinute"] = "1000000",
            ["Security:DataProtectionKeysPath"] = Path.Combine(_folder, "keys"),
        };
        foreach (var (name, secret) in _tokens)
            settings[$"Api:Tokens:{name}"] = secret;
        builder.UseEnvironment("Production");
        // The API needs no files of the project folder: the run's own folder is the content root.
        builder.UseContentRoot(_folder);
        // As host settings, not an added configuration source: Program.cs reads some of them (the job executor switch)
        // while it registers services, before sources added by the factory would apply.
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Commands)
            .AddFilter<CommandLog>(CommandLog.Category, LogLevel.Information));
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = Organisation.HashIterations));
    }
}
