namespace G2G.Engine.Time;

public readonly partial record struct IsoDuration
{
    /// <summary>
    /// Adds the duration to <paramref name="start"/>, keeping its offset: years and months first as
    /// whole months (<see cref="DateTimeOffset.AddMonths"/>, so 31 Jan + P1M is 28/29 Feb), then weeks
    /// and days, then hours, minutes and seconds (rounded to 100 ns ticks). A negative duration subtracts
    /// in the same order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result is outside the representable range.</exception>
    public DateTimeOffset AddTo(DateTimeOffset start)
    {
        var months = (Negative ? -1L : 1L) * ((Years * 12L) + Months);
        if (months is > 120_000 or < -120_000)
            throw new ArgumentOutOfRangeException(nameof(start), $"Adding {this} leaves the supported date range.");
        var result = start.AddMonths((int)months);
        try
        {
            return result.AddTicks(SignedDayTimeTicks());
        }
        catch (OverflowException ex)
        {
            throw new ArgumentOutOfRangeException($"Adding {this} leaves the supported date range.", ex);
        }
    }

    /// <summary>The same duration with the opposite sign (zero stays non-negative).</summary>
    public IsoDuration Negate() => IsZero ? this with { Negative = false } : this with { Negative = !Negative };

    /// <summary>Every component multiplied by <paramref name="factor"/>; a negative factor flips the sign.</summary>
    /// <exception cref="OverflowException">A component leaves the <see cref="int"/> range.</exception>
    public IsoDuration Multiply(int factor)
    {
        var f = Math.Abs((long)factor);
        return new IsoDuration(
            checked((int)(Years * f)), checked((int)(Months * f)), checked((int)(Weeks * f)),
            checked((int)(Days * f)), checked((int)(Hours * f)), checked((int)(Minutes * f)),
            Seconds * f, Negative ^ (factor < 0)).Normalized();
    }

    /// <summary>
    /// Component-wise sum (P1D + PT2H = P1DT2H). When the signed components disagree in sign
    /// (P1D + -PT1H) the result is normalised: years/months to whole months, the rest to exact time
    /// (a day is 24 hours on a fixed-offset clock), giving PT23H.
    /// </summary>
    /// <exception cref="ArgumentException">The month part and the time part keep opposite signs (P1M + -P1D).</exception>
    /// <exception cref="OverflowException">A component leaves the <see cref="int"/> range.</exception>
    public IsoDuration Add(IsoDuration other)
    {
        long s1 = Negative ? -1 : 1, s2 = other.Negative ? -1 : 1;
        Span<decimal> c =
        [
            (s1 * Years) + (s2 * other.Years), (s1 * Months) + (s2 * other.Months),
            (s1 * Weeks) + (s2 * other.Weeks), (s1 * Days) + (s2 * other.Days),
            (s1 * Hours) + (s2 * other.Hours), (s1 * Minutes) + (s2 * other.Minutes),
            (s1 * Seconds) + (s2 * other.Seconds),
        ];
        bool anyPositive = false, anyNegative = false;
        foreach (var v in c)
        {
            anyPositive |= v > 0;
            anyNegative |= v < 0;
        }

        if (!(anyPositive && anyNegative))
        {
            static int Abs(decimal v) => checked((int)Math.Abs(v));
            return new IsoDuration(Abs(c[0]), Abs(c[1]), Abs(c[2]), Abs(c[3]), Abs(c[4]), Abs(c[5]),
                Math.Abs(c[6]), anyNegative).Normalized();
        }

        return Renormalize(this, other, c);
    }

    /// <summary>The difference <c>this + (-other)</c>; see <see cref="Add"/>.</summary>
    public IsoDuration Subtract(IsoDuration other) => Add(other.Negate());

    /// <summary>Component-wise sum; see <see cref="Add"/>.</summary>
    public static IsoDuration operator +(IsoDuration left, IsoDuration right) => left.Add(right);

    /// <summary>Difference; see <see cref="Subtract"/>.</summary>
    public static IsoDuration operator -(IsoDuration left, IsoDuration right) => left.Subtract(right);

    /// <summary>The negated duration; see <see cref="Negate"/>.</summary>
    public static IsoDuration operator -(IsoDuration value) => value.Negate();

    private static IsoDuration Renormalize(IsoDuration left, IsoDuration right, ReadOnlySpan<decimal> c)
    {
        var months = (c[0] * 12) + c[1];
        var seconds = (((((c[2] * 7) + c[3]) * 24 + c[4]) * 60) + c[5]) * 60 + c[6];
        if ((months > 0 && seconds < 0) || (months < 0 && seconds > 0))
        {
            throw new ArgumentException(
                $"{left} + {right} mixes a positive and a negative part that cannot be written as one ISO 8601 duration.",
                nameof(right));
        }

        var negative = months < 0 || seconds < 0;
        months = Math.Abs(months);
        seconds = Math.Abs(seconds);
        var wholeSeconds = decimal.Truncate(seconds);
        var totalMinutes = decimal.Truncate(wholeSeconds / 60);
        var totalHours = decimal.Truncate(totalMinutes / 60);
        return new IsoDuration(
            checked((int)decimal.Truncate(months / 12)), (int)(months % 12), 0,
            checked((int)decimal.Truncate(totalHours / 24)), (int)(totalHours % 24), (int)(totalMinutes % 60),
            seconds - (totalMinutes * 60), negative).Normalized();
    }

    /// <summary>Zero is never negative, so -PT0S equals PT0S.</summary>
    private IsoDuration Normalized() => IsZero && Negative ? this with { Negative = false } : this;
}
