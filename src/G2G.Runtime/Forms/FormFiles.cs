using G2G.Engine.Expressions;

namespace G2G.Runtime.Forms;

/// <summary>
/// One file of a form's file field as the instance keeps it: its name, media type, size in bytes and the SHA-256 of its
/// bytes, under which a content-addressed store holds them (the bytes are never a variable).
/// </summary>
public sealed record FieldFile(string Name, string ContentType, long Size, string Sha256);

/// <summary>
/// File fields' values: a list of records <c>{ "name", "contentType", "size", "sha256" }</c>, read and written here, and
/// which files a field's <c>accept</c> takes.
/// </summary>
public static class FormFiles
{
    public const int MaxNameLength = 255;

    /// <summary>The files of a file field's value; null when the value is not a list of well-formed file records.</summary>
    public static IReadOnlyList<FieldFile>? Read(Value value)
    {
        if (value is not ListValue list)
            return null;
        var files = new List<FieldFile>(list.Items.Length);
        foreach (var item in list.Items)
        {
            if (File(item) is not { } file)
                return null;
            files.Add(file);
        }
        return files;
    }

    /// <summary>The value a file field holds for <paramref name="files"/>.</summary>
    public static Value ToValue(IEnumerable<FieldFile> files) => Value.From(files.Select(f => Value.From(new Dictionary<string, Value>
    {
        ["name"] = Value.From(f.Name), ["contentType"] = Value.From(f.ContentType), ["size"] = Value.From(f.Size),
        ["sha256"] = Value.From(f.Sha256),
    })));

    /// <summary>
    /// The file records anywhere in <paramref name="variables"/> (file fields, and file fields in tables of lines): what an
    /// instance's viewers may download.
    /// </summary>
    public static IEnumerable<FieldFile> In(IEnumerable<Value> variables) => variables.SelectMany(Within);

    /// <summary>
    /// Whether a field's <c>accept</c> takes a file: an entry is a media type (<c>application/pdf</c>), a family
    /// (<c>image/*</c>) or an extension (<c>.pdf</c>); no entries take any file.
    /// </summary>
    public static bool Accepts(IReadOnlyList<string>? accept, string name, string contentType) =>
        accept is not { Count: > 0 } || accept.Any(entry => entry switch
        {
            ['.', ..] => name.EndsWith(entry, StringComparison.OrdinalIgnoreCase),
            [.. var family, '/', '*'] => contentType.StartsWith(family + "/", StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(contentType, entry, StringComparison.OrdinalIgnoreCase),
        });

    /// <summary>Whether a text is a SHA-256 in lower-case hex, as the store names files.</summary>
    public static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    /// <summary>A file name as a person gives it: no folders, no control characters, at most <see cref="MaxNameLength"/>.</summary>
    public static bool IsFileName(string name) =>
        name.Trim().Length > 0 && name.Length <= MaxNameLength && !name.Any(c => char.IsControl(c) || c is '/' or '\\');

    private static IEnumerable<FieldFile> Within(Value value) => value switch
    {
        RecordValue when File(value) is { } file => [file],
        RecordValue record => record.Fields.Values.SelectMany(Within),
        ListValue list => list.Items.SelectMany(Within),
        _ => [],
    };

    /// <summary>The file a well-formed file record names; null for any other value.</summary>
    internal static FieldFile? File(Value value)
    {
        if (value is not RecordValue { Fields: var fields } || fields.Count != 4
            || !fields.TryGetValue("name", out var name) || name is not StringValue { Value: var fileName } || !IsFileName(fileName)
            || !fields.TryGetValue("contentType", out var type) || type is not StringValue { Value: { Length: > 0 and <= 255 } contentType }
            || !fields.TryGetValue("size", out var size) || size is not NumberValue { Value: var bytes } || bytes <= 0 || bytes != decimal.Truncate(bytes)
            || bytes > long.MaxValue || !fields.TryGetValue("sha256", out var hash) || hash is not StringValue { Value: var sha256 } || !IsSha256(sha256))
            return null;
        return new FieldFile(fileName, contentType, (long)bytes, sha256);
    }
}
