namespace DeepSql.Server.Sql;

/// <summary>Kinds of tokens the model-statement tokenizer produces.</summary>
public enum SqlTokenKind
{
    /// <summary>Unquoted word; <see cref="SqlToken.Value"/> is lower-cased.</summary>
    Identifier,

    /// <summary>"quoted identifier"; <see cref="SqlToken.Value"/> is the exact name.</summary>
    QuotedIdentifier,

    /// <summary>'string' (or $tag$string$tag$); <see cref="SqlToken.Value"/> is the unescaped text.</summary>
    String,

    /// <summary>Integer or decimal number, possibly with an exponent.</summary>
    Number,

    /// <summary>One punctuation or operator character: ( ) , = ; . + - and others.</summary>
    Symbol,

    /// <summary>Text the tokenizer cannot read (an unterminated string or comment); <see cref="SqlToken.Value"/> says why.</summary>
    Error,

    /// <summary>End of the text.</summary>
    End,
}

/// <summary>One token with its place in the statement text.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Value">Normalized value (see <see cref="SqlTokenKind"/>).</param>
/// <param name="Start">Offset of its first character (0-based).</param>
/// <param name="Length">Characters it spans in the text.</param>
public readonly record struct SqlToken(SqlTokenKind Kind, string Value, int Start, int Length)
{
    /// <summary>Offset just after the token.</summary>
    public int End => Start + Length;

    /// <summary>True for an unquoted word equal to <paramref name="keyword"/> (lower case).</summary>
    public bool IsKeyword(string keyword) => Kind == SqlTokenKind.Identifier && Value == keyword;

    /// <summary>True for the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Value.Length == 1 && Value[0] == symbol;
}
