using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Office.Budget;
using G2G.Office.Purchase;
using G2G.Runtime;
using G2G.Runtime.Handlers;

namespace G2G.Office.Travel;

/// <summary>
/// Reads the 报销单's expense lines (<c>lines</c>: <c>kind</c>, <c>traveller</c>, <c>date</c>, <c>units</c>, <c>seat</c>,
/// <c>amount</c>) and checks each against the approved request and the standards, refusing a line by its field
/// (<c>lines[1].amount</c>) with the standard and the amount in the message.
/// </summary>
internal sealed class ClaimLines(TravelRequestRecord request, Func<string, TravelStandardRecord> standardOf)
{
    public const int MaxLines = 40, MaxUnits = 60;

    private readonly HashSet<(string Kind, string Traveller, DateOnly Day)> _claimedDays = [];

    public List<TravelClaimLineRecord> Read(ServiceTaskContext context, string claimant)
    {
        if (context.Variable("lines") is not ListValue { Items.Length: > 0 } list)
            throw new ServiceTaskRefusedException(OfficeMessages.ClaimNoLines(), "lines");
        if (list.Items.Length > MaxLines)
            throw new ServiceTaskRefusedException(OfficeMessages.ClaimTooManyLines(MaxLines), "lines");
        var lines = new List<TravelClaimLineRecord>();
        for (var index = 0; index < list.Items.Length; index++)
        {
            IReadOnlyDictionary<string, Value> fields = list.Items[index] is RecordValue row ? row.Fields : new Dictionary<string, Value>();
            lines.Add(Line(fields, $"lines[{index}].", claimant));
        }
        return lines;
    }

    private TravelClaimLineRecord Line(IReadOnlyDictionary<string, Value> fields, string at, string claimant)
    {
        var kind = Text(fields, "kind") is { } k && ExpenseKinds.All.Contains(k) ? k
            : throw new ServiceTaskRefusedException(OfficeMessages.ClaimKindRequired(), at + "kind");
        var traveller = Text(fields, "traveller") ?? claimant;
        if (!request.TravellerIds.Contains(traveller))
        {
            throw new ServiceTaskRefusedException(OfficeMessages.ClaimNotATraveller(traveller, request.Travellers), at + "traveller");
        }
        var day = fields.GetValueOrDefault("date") switch
        {
            DateValue date => DateOnly.FromDateTime(date.Value.ToOffset(TimeSpan.FromHours(8)).DateTime),
            StringValue { Value: var text } when DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
            _ => throw new ServiceTaskRefusedException(OfficeMessages.ClaimDateRequired(), at + "date"),
        };
        var units = kind == ExpenseKinds.Transport ? 1
            : fields.GetValueOrDefault("units") is NumberValue { Value: var n } && n == decimal.Truncate(n) && n >= 1 && n <= MaxUnits
                ? (int)n
                : throw new ServiceTaskRefusedException(OfficeMessages.ClaimUnits(MaxUnits), at + "units");
        // Accommodation counts nights (the last one before the end day), an allowance days (the end day included).
        var lastDay = kind == ExpenseKinds.Accommodation ? day.AddDays(units) : day.AddDays(units - 1);
        if (day < request.StartsOn || lastDay > request.EndsOn)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.ClaimOutsideTrip(day, lastDay, request.StartsOn, request.EndsOn),
                at + (day < request.StartsOn || kind == ExpenseKinds.Transport ? "date" : "units"));
        }
        var amount = PurchaseForm.Fen(fields.GetValueOrDefault("amount"), at + "amount");
        var standard = standardOf(traveller);
        int? seat = null;
        switch (kind)
        {
            case ExpenseKinds.Transport:
                seat = Text(fields, "seat") is { } s && TravelSeats.Parse(s) is { } parsed ? parsed
                    : throw new ServiceTaskRefusedException(OfficeMessages.ClaimSeatRequired(), at + "seat");
                if (seat > standard.MaxSeat)
                {
                    throw new ServiceTaskRefusedException(OfficeMessages.ClaimSeatAboveStandard(TravelSeats.Text(seat.Value),
                        TravelRanks.Text(standard.Rank), TravelSeats.Text(standard.MaxSeat)), at + "seat");
                }
                break;
            case ExpenseKinds.Accommodation:
                Within(amount, units, standard.AccommodationFen, OfficeMessages.ClaimAccommodationAboveStandard, standard, at);
                break;
            default:
                Within(amount, units, standard.AllowanceFen, OfficeMessages.ClaimAllowanceAboveStandard, standard, at);
                break;
        }
        if (kind != ExpenseKinds.Transport)
        {
            for (var i = 0; i < units; i++)
            {
                if (!_claimedDays.Add((kind, traveller, day.AddDays(i))))
                {
                    throw new ServiceTaskRefusedException(OfficeMessages.ClaimDayTwice(traveller, day.AddDays(i)), at + "date");
                }
            }
        }
        return new TravelClaimLineRecord { Kind = kind, Traveller = traveller, StartsOn = day, Units = units, Seat = seat, AmountFen = amount };
    }

    /// <summary>Refuses an amount above units × the standard, naming the standard, the cap and the amount.</summary>
    private void Within(long amount, int units, long perUnitFen,
        Func<string, RuntimeText, RuntimeText, string, int, string, RuntimeText> refusal, TravelStandardRecord standard, string at)
    {
        var cap = perUnitFen * units;
        if (amount <= cap)
            return;
        var y = BudgetLedger.Yuan;
        throw new ServiceTaskRefusedException(refusal(y(amount), TravelRules.ClassText(request.CityClass), TravelRanks.Text(standard.Rank),
            y(perUnitFen), units, y(cap)), at + "amount");
    }

    private static string? Text(IReadOnlyDictionary<string, Value> fields, string name) =>
        fields.GetValueOrDefault(name) is StringValue { Value: var text } && text.Trim().Length > 0 ? text.Trim() : null;
}
