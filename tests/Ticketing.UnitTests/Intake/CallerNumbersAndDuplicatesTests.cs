using Ticketing.Intake.Tickets;

namespace Ticketing.UnitTests.Intake;

public sealed class CallerNumbersAndDuplicatesTests
{
    [Theory]
    [InlineData("13800138000", "13800138000", PhoneKind.Mobile)]
    [InlineData("+86 138-0013-8000", "13800138000", PhoneKind.Mobile)]
    [InlineData("0086 13800138000", "13800138000", PhoneKind.Mobile)]
    [InlineData("8613800138000", "13800138000", PhoneKind.Mobile)]
    [InlineData("010-12345678", "010-12345678", PhoneKind.Landline)]
    [InlineData("(010) 1234 5678", "010-12345678", PhoneKind.Landline)]
    [InlineData("0311 8765432", "0311-8765432", PhoneKind.Landline)]
    [InlineData("+86 21 6123 4567", "021-61234567", PhoneKind.Landline)]
    [InlineData("+1 212 555 0100", "+12125550100", PhoneKind.Other)]
    [InlineData("12345", "12345", PhoneKind.Other)]
    public void A_number_is_kept_one_way_however_it_was_typed(string typed, string kept, PhoneKind kind)
    {
        Assert.True(PhoneNumbers.TryNormalise(typed, out var normalised, out var found));
        Assert.Equal((kept, kind), (normalised, found));
    }

    [Theory]
    [InlineData("")]
    [InlineData("call me")]
    [InlineData("123")]
    [InlineData("1380013800012345678")]
    [InlineData("13800138000; DROP TABLE")]
    [InlineData("０１０１２３４５６７８")] // full-width digits are not typed on a hotline's keypad
    public void What_is_no_number_is_refused(string typed) => Assert.False(PhoneNumbers.TryNormalise(typed, out _, out _));

    [Fact]
    public void Chinese_texts_that_share_most_character_pairs_are_alike_and_unrelated_ones_are_not()
    {
        var reported = Duplicates.Bigrams("东华路12号门前路灯不亮，已经三天了");
        Assert.True(Duplicates.Similarity(reported, Duplicates.Bigrams("东华路 12 号门前的路灯不亮了三天")) >= Duplicates.SimilarText);
        Assert.True(Duplicates.Similarity(reported, Duplicates.Bigrams("小区电梯故障，老人被困")) < 0.2);
        Assert.Equal(1, Duplicates.Similarity(Duplicates.Bigrams("Street light OUT"), Duplicates.Bigrams("street-light out!")));
        Assert.Equal(0, Duplicates.Similarity(Duplicates.Bigrams(""), reported));
    }

    [Theory]
    [InlineData("东华路 12 号", "东华路12号")]
    [InlineData("东华路１２号Ａ座", "东华路12号a座")]
    [InlineData("   ", null)]
    public void Addresses_match_without_spaces_or_full_width_forms(string address, string? key) => Assert.Equal(key, Duplicates.AddressKey(address));
}
