namespace G2G.Runtime;

/// <summary>Runtime settings (section <c>Runtime</c> of appsettings.json).</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>How often a command is retried after losing an optimistic-concurrency race before it reports a conflict.</summary>
    public int MaxCommandAttempts { get; set; } = 5;

    /// <summary>Folder of the procedures deployed at start (relative to the content root).</summary>
    public string WorkflowsPath { get; set; } = "workflows";

    /// <summary>This node's name in job leases; defaults to machine name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// How long a node trusts what it read as the latest published version of a process key, or the latest schema
    /// of a form key, before it reads it again (starts by key and form validations then cost no query). A deploy,
    /// publish or retract on this node takes effect here at once; one on another node within this time. Zero reads
    /// them every time.
    /// </summary>
    public TimeSpan DefinitionCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often one person may urge (催办) the same task: a second urge within this time is refused (<see cref="RuntimeErrorCode.TooSoon"/>)
    /// with the time they may urge again, so the people holding it are not flooded with reminders.
    /// </summary>
    public TimeSpan UrgeInterval { get; set; } = TimeSpan.FromHours(1);

    public JobOptions Jobs { get; set; } = new();

    public SupervisionOptions Supervision { get; set; } = new();
}

/// <summary>Supervision report settings (section <c>Runtime:Supervision</c>).</summary>
public sealed class SupervisionOptions
{
    /// <summary>The most rows a CSV or .xlsx export of the overdue list holds; a larger export is refused, not cut.</summary>
    public int MaxExportRows { get; set; } = 100_000;
}

/// <summary>Job executor settings (section <c>Runtime:Jobs</c>).</summary>
public sealed class JobOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs taken per acquisition.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a node owns a job it took; another node may take it after the lease expires.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause between polls when no job is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries before a failing job becomes an incident.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
