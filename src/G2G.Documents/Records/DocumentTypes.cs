namespace G2G.Documents.Records;

/// <summary>Which way a document travels between agencies (党政机关公文处理工作条例, art. 14–16).</summary>
public enum DocumentDirection
{
    /// <summary>上行文: to a superior in a 隶属 or 业务指导 line.</summary>
    Upward,

    /// <summary>下行文: to subordinates.</summary>
    Downward,

    /// <summary>平行文 (函): to parallel and non-affiliated agencies.</summary>
    Parallel,

    /// <summary>意见 goes up, down or across: the relationship decides.</summary>
    Any,

    /// <summary>公告, 公报, 通告, 议案, 纪要: published or kept, not sent as 下行文 to a named agency only.</summary>
    Published,
}

/// <summary>The 15 types of official document (党政机关公文处理工作条例 2012, art. 8) and their direction.</summary>
public static class DocumentTypes
{
    private static readonly Dictionary<string, DocumentDirection> Directions = new(StringComparer.Ordinal)
    {
        ["决议"] = DocumentDirection.Downward,
        ["决定"] = DocumentDirection.Downward,
        ["命令"] = DocumentDirection.Downward,
        ["公报"] = DocumentDirection.Published,
        ["公告"] = DocumentDirection.Published,
        ["通告"] = DocumentDirection.Published,
        ["意见"] = DocumentDirection.Any,
        ["通知"] = DocumentDirection.Downward,
        ["通报"] = DocumentDirection.Downward,
        ["报告"] = DocumentDirection.Upward,
        ["请示"] = DocumentDirection.Upward,
        ["批复"] = DocumentDirection.Downward,
        ["议案"] = DocumentDirection.Published,
        ["函"] = DocumentDirection.Parallel,
        ["纪要"] = DocumentDirection.Published,
    };

    /// <summary>The types in the order of the regulation.</summary>
    public static IReadOnlyCollection<string> All => Directions.Keys;

    /// <summary>令 is the short form of 命令.</summary>
    public static string? Normalise(string? type) => type == "令" ? "命令" : type is not null && Directions.ContainsKey(type) ? type : null;

    public static DocumentDirection Direction(string type) => Directions[type];
}

/// <summary>紧急程度 (GB/T 9704-2012 7.2.4): 特急, 加急, or 平急 for a document without urgency.</summary>
public static class Urgencies
{
    public const string Normal = "平急", Urgent = "加急", VeryUrgent = "特急";

    public static bool IsKnown(string urgency) => urgency is Normal or Urgent or VeryUrgent;
}

/// <summary>Where a document stands in its agency.</summary>
public static class DocumentStates
{
    public const string Draft = "draft", Numbered = "numbered", Sealed = "sealed", Dispatched = "dispatched", Destroyed = "destroyed";
}

/// <summary>How a recipient agency is named on a document.</summary>
public static class RecipientKinds
{
    /// <summary>主送机关.</summary>
    public const string Main = "main";

    /// <summary>抄送机关.</summary>
    public const string Copy = "copy";
}

/// <summary>Where a copy sent to one recipient agency stands.</summary>
public static class ReceiptStates
{
    public const string Pending = "pending", Received = "received", Refused = "refused", Handled = "handled";
}
