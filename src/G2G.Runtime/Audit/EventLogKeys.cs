using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Audit;

/// <summary>Event-log settings (section <c>Runtime:EventLog</c>).</summary>
public sealed class EventLogOptions
{
    public const string Section = "Runtime:EventLog";

    /// <summary>
    /// Keys by id, base64, at least 32 bytes each (<c>Runtime:EventLog:Keys:1</c>, …). When none is configured the
    /// keys are read from <see cref="KeyFile"/>, which is created with one random key if it does not exist.
    /// </summary>
    public Dictionary<string, string> Keys { get; } = [];

    /// <summary>The key new records are signed with; default the highest id.</summary>
    public int? CurrentKey { get; set; }

    /// <summary>
    /// The key file used when no key is configured, relative to the content root; by default beside the
    /// data-protection keys (<c>App_Data/keys</c>). Every node must read the same file.
    /// </summary>
    public string KeyFile { get; set; } = Path.Combine("App_Data", "keys", "event-log-keys.json");

    /// <summary>
    /// How often the job executor appends an anchor over every chain's head (<see cref="EventAnchors"/>): an instance deleted
    /// with its whole log is caught when it was anchored, that is, once it is older than this.
    /// </summary>
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The key ring of the hash chains (instance event logs and shared audit chains): HMAC-SHA-256 keys by id, kept
/// outside the database, so whoever can write the database cannot recompute a chain. Every record names the key it
/// was signed with; rotating adds a key and makes it current, and old keys stay for verifying older records
/// (docs/operations.md, "Event log").
/// </summary>
public sealed class EventLogKeys
{
    private readonly Dictionary<int, byte[]> _keys;

    public EventLogKeys(IReadOnlyDictionary<int, byte[]> keys, int? current = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
            throw new ArgumentException("The event-log key ring needs at least one key.", nameof(keys));
        foreach (var (id, key) in keys)
        {
            if (id <= 0)
                throw new ArgumentException($"Event-log key id {id} is not positive.", nameof(keys));
            if (key.Length < MinimumKeyBytes)
                throw new ArgumentException($"Event-log key {id} has {key.Length} bytes; at least {MinimumKeyBytes} are needed.", nameof(keys));
        }
        _keys = keys.ToDictionary(k => k.Key, k => k.Value);
        CurrentId = current ?? _keys.Keys.Max();
        if (!_keys.ContainsKey(CurrentId))
            throw new ArgumentException($"The current event-log key {CurrentId} is not in the key ring.", nameof(current));
    }

    public const int MinimumKeyBytes = 32;

    /// <summary>The id of the key new records are signed with.</summary>
    public int CurrentId { get; }

    public byte[] Current => _keys[CurrentId];

    /// <summary>The key with this id, or null when the ring does not hold it.</summary>
    public byte[]? Find(int id) => _keys.GetValueOrDefault(id);

    /// <summary>The ring the configuration names: configured keys, else the key file (created with one random key when missing).</summary>
    public static EventLogKeys FromOptions(EventLogOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keys.Count > 0)
            return new EventLogKeys(Parse(options.Keys, "Runtime:EventLog:Keys"), options.CurrentKey);
        var file = KeyFile.Read(Path.GetFullPath(options.KeyFile, contentRoot));
        return new EventLogKeys(Parse(file.Keys, file.Path), options.CurrentKey ?? file.CurrentKey);
    }

    /// <summary>The ring of the context's application (registered by <c>AddG2GRuntime</c>).</summary>
    public static EventLogKeys Of(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetService<IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()
                ?.ApplicationServiceProvider?.GetService<EventLogKeys>()
            ?? throw new InvalidOperationException("No event-log key ring is registered with this context's services (AddG2GRuntime registers it).");
    }

    /// <summary>Rotation: adds a random key to the key file and makes it current; returns its id. Nodes read the file when they start.</summary>
    public static int AddKey(string keyFile) => KeyFile.Rotate(keyFile);

    private static Dictionary<int, byte[]> Parse(IReadOnlyDictionary<string, string> keys, string source)
    {
        var parsed = new Dictionary<int, byte[]>();
        foreach (var (id, value) in keys)
        {
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                throw new InvalidOperationException($"Event-log key id '{id}' in {source} is not a positive number.");
            try
            {
                parsed[number] = Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"Event-log key {id} in {source} is not base64.");
            }
        }
        return parsed;
    }

    /// <summary>The key file: <c>{"currentKey": 2, "keys": {"1": "base64…", "2": "base64…"}}</c>.</summary>
    internal sealed record KeyFile(int? CurrentKey, Dictionary<string, string> Keys)
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

        [JsonIgnore]
        public string Path { get; private init; } = "";

        /// <summary>Reads the file; creates it with one random key first when it does not exist (only one node wins the creation).</summary>
        public static KeyFile Read(string path)
        {
            if (!File.Exists(path))
                TryCreate(path, new KeyFile(1, new() { ["1"] = NewKey() }));
            var file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), Json)
                ?? throw new InvalidOperationException($"The event-log key file {path} is empty.");
            return file with { Path = path };
        }

        /// <summary>Adds a random key and makes it current (rotation); returns its id.</summary>
        public static int Rotate(string path)
        {
            var file = Read(path);
            var id = file.Keys.Keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture)).Max() + 1;
            var keys = new Dictionary<string, string>(file.Keys) { [id.ToString(CultureInfo.InvariantCulture)] = NewKey() };
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new KeyFile(id, keys), Json));
            File.Move(temporary, path, overwrite: true);
            return id;
        }

        private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes));

        private static void TryCreate(string path, KeyFile file)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, options))
                JsonSerializer.Serialize(stream, file, Json);
            try
            {
                File.Move(temporary, path, overwrite: false); // whole or not at all: no node reads half a file
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another node created it first; its key is the one to use
            }
        }
    }
}
