using Ticketing.BuildingBlocks.Data;

namespace Ticketing.UnitTests.BuildingBlocks;

public sealed class WriteGateTests
{
    [Fact]
    public async Task Serialising_gate_lets_one_writer_in_at_a_time()
    {
        var gate = new WriteGate(serialise: true);
        var inside = 0;
        var mostInside = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            await Task.Delay(2);
            Interlocked.Decrement(ref inside);
        })));
        Assert.Equal(1, mostInside);
    }

    [Fact]
    public async Task A_unit_of_work_holding_the_gate_can_save_inside_it()
    {
        var gate = new WriteGate(serialise: true);
        var saved = await gate.RunAsync(() => gate.RunAsync(() => Task.FromResult(42))).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(42, saved);
    }

    [Fact]
    public async Task Open_gate_does_not_serialise()
    {
        var gate = new WriteGate(serialise: false);
        var bothInside = new TaskCompletionSource();
        var inside = 0;
        var work = Enumerable.Range(0, 2).Select(_ => gate.RunAsync(async () =>
        {
            if (Interlocked.Increment(ref inside) == 2) bothInside.SetResult();
            await bothInside.Task;
        }));
        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = target) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
