using System.Globalization;
using System.Text;

namespace G2G.Engine.Time;

public readonly partial record struct IsoDuration
{
    /// <summary>
    /// The canonical ISO 8601 form: zero components left out, date part then <c>T</c> and time part,
    /// seconds without trailing zeros (<c>P1Y2M3DT4H5M6.5S</c>); <c>PT0S</c> for zero; a leading
    /// <c>-</c> when <see cref="Negative"/>. <see cref="Parse"/> reads it back to an equal value.
    /// </summary>
    public override string ToString()
    {
        if (IsZero) return "PT0S";
        var sb = new StringBuilder(24);
        if (Negative) sb.Append('-');
        sb.Append('P');
        Append(sb, Years, 'Y');
        Append(sb, Months, 'M');
        Append(sb, Weeks, 'W');
        Append(sb, Days, 'D');
        if (Hours != 0 || Minutes != 0 || Seconds != 0m)
        {
            sb.Append('T');
            Append(sb, Hours, 'H');
            Append(sb, Minutes, 'M');
            if (Seconds != 0m)
                sb.Append(Seconds.ToString("0.############################", CultureInfo.InvariantCulture)).Append('S');
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, int value, char designator)
    {
        if (value != 0) sb.Append(value.ToString(CultureInfo.InvariantCulture)).Append(designator);
    }
}
