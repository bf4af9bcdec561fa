namespace G2G.Engine.Time;

internal static partial class IsoDateTime
{
    /// <summary>The shared error form of the time syntaxes: what, quoted text, 1-based position, problem.</summary>
    internal static string Error(string text, string what, int index, string problem) =>
        $"Invalid {what} \"{text}\" at position {index + 1}: {problem}.";

    /// <summary>A read position in <c>text[..end]</c> that keeps the first error (later reads then return zeros).</summary>
    private ref struct Cursor(string text, int index, int end, string what)
    {
        public int Index = index;

        public string? Error { get; private set; }

        public readonly bool AtEnd => Index >= end;

        public readonly char Current => text[Index];

        public int Digits(int count, string name)
        {
            if (Error is not null) return 0;
            var value = 0;
            var start = Index;
            for (var k = 0; k < count; k++, Index++)
            {
                if (AtEnd || !char.IsAsciiDigit(text[Index]))
                {
                    Fail(start, $"{count} digits of the {name} were expected");
                    return 0;
                }

                value = (value * 10) + (text[Index] - '0');
            }

            return value;
        }

        /// <summary>Reads fraction digits as 100 ns ticks; digits beyond the seventh are dropped.</summary>
        public long Fraction()
        {
            var start = Index;
            long ticks = 0;
            for (; !AtEnd && char.IsAsciiDigit(text[Index]); Index++)
            {
                if (Index - start < 7) ticks = (ticks * 10) + (text[Index] - '0');
            }

            if (Index == start) Fail(Index, "digits must follow the decimal separator");
            for (var k = Index - start; k < 7; k++) ticks *= 10;
            return ticks;
        }

        public void Expect(char c, string why)
        {
            if (Error is not null) return;
            if (!AtEnd && text[Index] == c) Index++;
            else Fail(Index, $"'{c}' was expected {why}");
        }

        public string Fail(int at, string problem)
        {
            Error ??= IsoDateTime.Error(text, what, at, problem);
            return Error;
        }
    }
}
