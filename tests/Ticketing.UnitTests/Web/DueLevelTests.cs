using Ticketing.Web.Supervision;

namespace Ticketing.UnitTests.Web;

/// <summary>The inbox's and board's deadline chip: which level a piece of work shows, from its deadline and its clock's thresholds.</summary>
public sealed class DueLevelTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Yellow = Start.AddHours(6), Red = Start.AddHours(7), Deadline = Start.AddHours(8);

    [Theory]
    [InlineData(0, DueLevel.Green)]
    [InlineData(6, DueLevel.Yellow)] // at the yellow threshold
    [InlineData(6.5, DueLevel.Yellow)]
    [InlineData(7, DueLevel.Red)]
    [InlineData(7.99, DueLevel.Red)]
    [InlineData(8, DueLevel.Overdue)] // at the deadline it is late
    [InlineData(30, DueLevel.Overdue)]
    public void Work_turns_yellow_then_red_at_its_clocks_thresholds_and_overdue_at_its_deadline(double hoursIn, DueLevel expected) =>
        Assert.Equal(expected, DueLevels.Of(Deadline, paused: false, Yellow, Red, Start.AddHours(hoursIn)));

    [Fact]
    public void Paused_work_and_work_with_no_deadline_running_show_that_and_no_colour_of_time()
    {
        Assert.Equal(DueLevel.Paused, DueLevels.Of(null, paused: true, Yellow, Red, Start.AddHours(30)));
        Assert.Equal(DueLevel.None, DueLevels.Of(null, paused: false, null, null, Start));
    }

    [Fact]
    public void Without_the_clocks_thresholds_work_is_in_time_until_its_deadline()
    {
        Assert.Equal(DueLevel.Green, DueLevels.Of(Deadline, paused: false, null, null, Start.AddHours(7.5)));
        Assert.Equal(DueLevel.Overdue, DueLevels.Of(Deadline, paused: false, null, null, Deadline));
    }

    [Fact]
    public void Every_level_has_its_own_words_so_colour_is_never_the_only_sign() =>
        Assert.Equal(Enum.GetValues<DueLevel>().Length, Enum.GetValues<DueLevel>().Select(DueLevels.Label).Distinct().Count());
}
