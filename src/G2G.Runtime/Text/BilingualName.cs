using System.Globalization;

namespace G2G.Runtime;

/// <summary>
/// A name given in both languages, Chinese first (<c>处长审批 Department head's approval</c>, the convention of the shipped
/// procedures' steps and form labels): as an argument of a <see cref="RuntimeText"/> it is written in the message's
/// language, Chinese for a Chinese reader and English otherwise. A name in one language only is written as it is.
/// </summary>
public sealed record BilingualName(string Name) : IFormattable
{
    /// <summary>The half of <paramref name="name"/> for <paramref name="culture"/>'s language.</summary>
    public static string In(string name, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(culture);
        var split = -1;
        for (var i = name.Length - 1; i > 0; i--)
        {
            if (name[i] == ' ' && IsChinese(name[i - 1]))
            {
                split = i;
                break;
            }
            if (IsChinese(name[i]))
                break;
        }
        if (split < 0 || !name[(split + 1)..].Any(char.IsAsciiLetter))
            return name;
        return culture.TwoLetterISOLanguageName == "zh" ? name[..split].Trim() : name[(split + 1)..].Trim();
    }

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        In(Name, formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture);

    public override string ToString() => In(Name, CultureInfo.CurrentUICulture);

    private static bool IsChinese(char c) => c is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef';
}
