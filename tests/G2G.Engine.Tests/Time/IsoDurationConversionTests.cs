using G2G.Engine.Time;

namespace G2G.Engine.Tests.Time;

public class IsoDurationConversionTests
{
    [Fact]
    public void ToExactTimeSpan_WithoutCalendarParts_IsExact()
    {
        Assert.Equal(new TimeSpan(17, 4, 5, 6, 500), IsoDuration.Parse("P2W3DT4H5M6.5S").ToExactTimeSpan());
        Assert.Equal(TimeSpan.FromHours(-4), IsoDuration.Parse("-PT4H").ToExactTimeSpan());
    }

    [Fact]
    public void ToExactTimeSpan_WithYearsOrMonths_IsNull()
    {
        Assert.Null(IsoDuration.Parse("P1M").ToExactTimeSpan());
        Assert.Null(IsoDuration.Parse("P1YT1H").ToExactTimeSpan());
    }

    [Fact]
    public void FromTimeSpan_SplitsIntoDaysHoursMinutesSeconds()
    {
        Assert.Equal("P1DT2H30M0.25S", IsoDuration.FromTimeSpan(new TimeSpan(1, 2, 30, 0, 250)).ToString());
        Assert.Equal("-PT1H30M", IsoDuration.FromTimeSpan(TimeSpan.FromMinutes(-90)).ToString());
        Assert.Equal("PT0S", IsoDuration.FromTimeSpan(TimeSpan.Zero).ToString());
    }

    [Fact]
    public void FromTimeSpan_MinValue_RoundTripsThroughExactTimeSpan()
    {
        Assert.Equal(TimeSpan.MinValue, IsoDuration.FromTimeSpan(TimeSpan.MinValue).ToExactTimeSpan());
        Assert.Equal(TimeSpan.MaxValue, IsoDuration.FromTimeSpan(TimeSpan.MaxValue).ToExactTimeSpan());
    }

    [Fact]
    public void ToExactTimeSpan_BeyondTimeSpanRange_ThrowsOverflow()
    {
        Assert.Throws<OverflowException>(() => IsoDuration.Parse("P2147483647W").ToExactTimeSpan());
    }

    [Fact]
    public void HasCalendarPart_OnlyForYearsAndMonths()
    {
        Assert.True(IsoDuration.Parse("P1Y").HasCalendarPart);
        Assert.True(IsoDuration.Parse("P1M").HasCalendarPart);
        Assert.False(IsoDuration.Parse("PT1M").HasCalendarPart);
        Assert.False(IsoDuration.Parse("P2W").HasCalendarPart);
    }
}
