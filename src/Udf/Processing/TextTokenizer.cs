using Microsoft.ML.Tokenizers;

namespace DeepSql.Udf.Processing;

/// <summary>Lower-case BERT WordPiece over a vocab.txt: text → token ids with [CLS] … [SEP], truncated to a maximum.</summary>
public sealed class TextTokenizer
{
    private readonly BertTokenizer _bert;

    private TextTokenizer(BertTokenizer bert) => _bert = bert;

    /// <summary>Loads a WordPiece vocabulary (one token per line).</summary>
    public static TextTokenizer FromVocabulary(string vocabPath) =>
        new(BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = true }));

    /// <summary>Token ids of one text including the special tokens, at most <paramref name="maxTokens"/>.</summary>
    public IReadOnlyList<int> Encode(string text, int maxTokens)
    {
        var ids = _bert.EncodeToIds(text, addSpecialTokens: true);
        if (ids.Count <= maxTokens)
        {
            return ids;
        }

        // Keep [CLS] and the first tokens, end with [SEP] as BERT truncation does.
        var cut = new int[maxTokens];
        for (var i = 0; i < maxTokens - 1; i++)
        {
            cut[i] = ids[i];
        }

        cut[^1] = ids[^1];
        return cut;
    }
}
