using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class GenericParametersTests
{
    [Fact]
    public void Lookup_is_case_insensitive_and_flags_have_null_values()
    {
        var p = GenericParameters.Parse(";Tag=abc;lr;name=\"a \\\"b\\\"\"");
        Assert.Equal(3, p.Count);
        Assert.Equal("abc", p["tag"]);
        Assert.True(p.Contains("LR"));
        Assert.Null(p["lr"]);
        Assert.Null(p["missing"]);
        Assert.False(p.Contains("missing"));
        Assert.True(p.TryGetValue("lr", out var flag));
        Assert.Null(flag);
        Assert.Equal("\"a \\\"b\\\"\"", p["name"]);
        Assert.Equal("a \"b\"", p.GetUnquoted("name"));
        Assert.Equal(";Tag=abc;lr;name=\"a \\\"b\\\"\"", p.ToString());
    }

    [Fact]
    public void With_and_without_return_new_instances()
    {
        var p = GenericParameters.Parse("a=1;b");
        var q = p.With("A", "2").With("c", null).Without("b");
        Assert.Equal(";a=1;b", p.ToString());
        Assert.Equal(";a=2;c", q.ToString());
        Assert.Equal(";a=1;b;x=\"y z\"", p.WithQuoted("x", "y z").ToString());
    }

    [Fact]
    public void Invalid_values_cannot_be_set()
    {
        Assert.Throws<ArgumentException>(() => GenericParameters.Empty.With("a", "b c"));
        Assert.Throws<ArgumentException>(() => GenericParameters.Empty.With("a b", "c"));
    }

    [Theory]
    [InlineData(";")]
    [InlineData(";a=")]
    [InlineData(";a=\"x")]
    [InlineData(";a b")]
    [InlineData(";a=b c")]
    public void Malformed_parameters_are_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => GenericParameters.Parse(text));
    }
}
