using System.Text.RegularExpressions;
using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>The contract's one id syntax: the check the layers call and the pattern the schemas publish agree.</summary>
public sealed class ContractIdTests
{
    public static TheoryData<string, bool> Ids => new()
    {
        { "abq-01", true },
        { "S-0001", true },
        { "pump.17:a_b", true },
        { new string('a', 64), true },
        { new string('a', 65), false },
        { "", false },
        { "with space", false },
        { "slash/inside", false },
        { "quote'", false },
        { "é", false },
        { "#", false },
        { "x\u0000", false },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheCheckAndThePublishedPatternAgree(string id, bool valid)
    {
        ContractId.IsValid(id).ShouldBe(valid);
        Regex.IsMatch(id, ContractId.Pattern).ShouldBe(valid);
    }

    [Fact]
    public void NullIsNoId() => ContractId.IsValid(null).ShouldBeFalse();

    [Fact]
    public void EveryAllowedCharacterIsOneAsciiByte()
    {
        for (var c = 0; c < 256; c++)
        {
            ContractId.IsAllowed((byte)c).ShouldBe(c < 0x80 && ContractId.IsAllowed((char)c), $"byte {c}");
        }

        ContractId.IsAllowed((byte)0xC3).ShouldBeFalse("the lead byte of a two-byte character");
    }
}
