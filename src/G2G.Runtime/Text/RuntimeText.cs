using System.Globalization;
using System.Resources;

namespace G2G.Runtime;

/// <summary>
/// A message for a person — why a command was refused, what is wrong with a field — kept as a stable key and its
/// arguments so that each reader gets it in their language: the host renders it in the request's culture, logs and
/// <see cref="Exception.Message"/> use <see cref="English"/>. Made only by a catalogue's factory methods
/// (<see cref="RuntimeMessages"/>, the office's <c>OfficeMessages</c>), one per message, whose templates are in the
/// catalogue's resx files: Simplified Chinese in the neutral file, English in <c>.en.resx</c>.
/// </summary>
public sealed class RuntimeText
{
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en");
    private readonly TextCatalog _catalog;
    private readonly object?[] _arguments;

    internal RuntimeText(TextCatalog catalog, string key, object?[] arguments)
    {
        _catalog = catalog;
        Key = key;
        _arguments = arguments;
    }

    /// <summary>The message's stable name in its catalogue (the factory method's name).</summary>
    public string Key { get; }

    /// <summary>The values the template's <c>{0}</c>, <c>{1}</c> … stand for; a <see cref="RuntimeText"/> among them is rendered in the same language.</summary>
    public IReadOnlyList<object?> Arguments => _arguments;

    /// <summary>The message in English, for logs and <see cref="Exception.Message"/>.</summary>
    public string English => In(EnglishCulture);

    /// <summary>The message in <paramref name="culture"/>'s language (Simplified Chinese unless it is English).</summary>
    public string In(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var template = _catalog.Template(Key, culture);
        if (_arguments.Length == 0)
            return template;
        var arguments = Array.ConvertAll(_arguments, a => a is RuntimeText nested ? nested.In(culture) : a);
        return string.Format(culture, template, arguments);
    }

    /// <summary>The message in the current UI culture's language.</summary>
    public string InCurrentCulture() => In(CultureInfo.CurrentUICulture);

    public override string ToString() => English;
}

/// <summary>
/// The templates of one assembly's messages (a resx base name). An unknown key is a programming error the catalogue
/// tests catch, so it renders as the key itself rather than failing the refusal it would explain.
/// </summary>
public sealed class TextCatalog(ResourceManager resources)
{
    /// <summary>A message of this catalogue; called by the catalogue's factory methods with their own name.</summary>
    public RuntimeText Text(string key, params object?[] arguments) => new(this, key, arguments);

    /// <summary>The template of <paramref name="key"/> in <paramref name="culture"/>'s language, or null when there is none.</summary>
    public string? Find(string key, CultureInfo culture) => resources.GetString(key, culture);

    /// <summary>Every key of the catalogue in <paramref name="culture"/>'s own file (no fallback), for the catalogue tests.</summary>
    public IReadOnlyDictionary<string, string> Entries(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for culture '{culture.Name}'.");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    internal string Template(string key, CultureInfo culture) => Find(key, culture) ?? key;
}
