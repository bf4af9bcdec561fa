using System.Collections.Concurrent;
using System.Globalization;
using G2G.Runtime;
using PdfSharp.Fonts;

namespace G2G.Documents.Rendering;

/// <summary>
/// The four typefaces GB/T 9704 names, as font files (section <c>Documents:Fonts</c>): a TrueType <c>.ttf</c>, or a
/// collection <c>.ttc</c> with the face's index after <c>#</c>. The defaults are Debian's open CJK fonts, which test.sh and
/// the setup install: AR PL UMing (fonts-arphic-uming) stands in for 小标宋 and 仿宋, AR PL UKai (fonts-arphic-ukai) for
/// 楷体, WenQuanYi Micro Hei (fonts-wqy-microhei) for 黑体. Only fonts with TrueType outlines can be embedded (the
/// OpenType/CFF Noto CJK fonts cannot).
/// </summary>
public sealed class DocumentFontOptions
{
    /// <summary>小标宋 (发文机关标志, 标题) and the page numbers.</summary>
    public string Song { get; set; } = "/usr/share/fonts/truetype/arphic/uming.ttc#0";

    /// <summary>仿宋 (正文, 发文字号, 版记).</summary>
    public string FangSong { get; set; } = "/usr/share/fonts/truetype/arphic/uming.ttc#0";

    /// <summary>黑体 (密级, 紧急程度, first-level headings).</summary>
    public string Hei { get; set; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0";

    /// <summary>楷体 (签发人's name, second-level headings).</summary>
    public string Kai { get; set; } = "/usr/share/fonts/truetype/arphic/ukai.ttc#0";

    /// <summary>The configured faces by role, for checking them all before a rendering.</summary>
    public IEnumerable<(string Role, string Face)> Faces() => [("Song", Song), ("FangSong", FangSong), ("Hei", Hei), ("Kai", Kai)];
}

/// <summary>
/// PDFsharp's process-wide font resolver: a family name is a face as configured (<c>path#index</c>), read from disk once
/// and cut out of its collection (<see cref="TrueTypeCollection"/>), since PDFsharp reads single fonts only.
/// </summary>
internal sealed class FontFiles : IFontResolver
{
    private static readonly Lock Installing = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private FontFiles()
    {
    }

    /// <summary>Installs the resolver once per process (PDFsharp allows one, set before any font is used).</summary>
    public static void Install()
    {
        lock (Installing)
        {
            if (GlobalFontSettings.FontResolver is not FontFiles)
                GlobalFontSettings.FontResolver = new FontFiles();
        }
    }

    /// <summary>Refuses a rendering whose font is not there, naming the setting and the file.</summary>
    public static void Check(DocumentFontOptions fonts)
    {
        foreach (var (role, face) in fonts.Faces())
        {
            var (path, _) = Split(face);
            if (!File.Exists(path))
                throw new RuntimeException(RuntimeErrorCode.Conflict, DocumentsMessages.FontMissing($"Documents:Fonts:{role}", path));
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(familyName);

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, face =>
    {
        var (path, index) = Split(face);
        return TrueTypeCollection.Face(File.ReadAllBytes(path), index);
    });

    private static (string Path, int Index) Split(string face)
    {
        var hash = face.LastIndexOf('#');
        return hash > 0 && int.TryParse(face.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (face[..hash], index)
            : (face, 0);
    }
}

/// <summary>Cuts one font out of a TrueType collection (<c>.ttc</c>): its table directory and the tables it points at.</summary>
internal static class TrueTypeCollection
{
    /// <summary>The font at <paramref name="index"/> as a standalone <c>.ttf</c>; a file that is no collection is returned as it is.</summary>
    public static byte[] Face(byte[] file, int index)
    {
        if (file.Length < 12 || file[0] != 't' || file[1] != 't' || file[2] != 'c' || file[3] != 'f')
            return file;
        var count = (int)UInt32(file, 8);
        if (index < 0 || index >= count)
            throw new InvalidDataException($"The font collection has {count} faces; face {index} does not exist.");
        var start = (int)UInt32(file, 12 + 4 * index);
        var tables = (file[start + 4] << 8) | file[start + 5];
        var directory = 12 + 16 * tables;
        var size = directory;
        for (var i = 0; i < tables; i++)
            size += Padded((int)UInt32(file, start + 12 + 16 * i + 12));
        var font = new byte[size];
        Array.Copy(file, start, font, 0, directory);
        var at = directory;
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + 16 * i;
            var (offset, length) = ((int)UInt32(file, start + record + 8), (int)UInt32(file, start + record + 12));
            Array.Copy(file, offset, font, at, length);
            WriteUInt32(font, record + 8, (uint)at); // offsets in a collection count from the file's start; here from the font's
            at += Padded(length);
        }
        return font;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static uint UInt32(byte[] bytes, int at) => (uint)((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]);

    private static void WriteUInt32(byte[] bytes, int at, uint value)
    {
        bytes[at] = (byte)(value >> 24);
        bytes[at + 1] = (byte)(value >> 16);
        bytes[at + 2] = (byte)(value >> 8);
        bytes[at + 3] = (byte)value;
    }
}
