#!/usr/bin/env bash
# Estimates an MLLR transform that adapts Debian's 16 kHz US English pocketsphinx model to
# telephone audio (8 kHz G.711 mu-law, upsampled back to 16 kHz) from synthetic voices, and writes it to
#   src/main/resources/io/parley/speech/pocketsphinx/en-us-phone.mllr
# (the channel half of parley's adaptation; scripts/adapt-phone-model.sh combines it with human speech).
# Adaptation speech: the sentences in src/test/resources/speech/adaptation-sentences.txt (none of
# them in the test set) spoken by flite's awb voice and espeak-ng's en-us male and female voices
# (none of them a test voice), through the same channel as the WER test.
# Needs the Debian packages sphinxtrain and sphinxbase-utils (development only, not at run time).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
model=/usr/share/pocketsphinx/model/en-us
work=${WORK:-$here/target/phone-adaptation}
out=${OUT:-$here/src/main/resources/io/parley/speech/pocketsphinx/en-us-phone.mllr}
voices=${VOICES:-flite:awb espeak:en-us espeak:en-us+f3}
st=/usr/lib/sphinxtrain
for tool in "$st/bw" "$st/mllr_solve" /usr/bin/sphinx_fe /usr/bin/pocketsphinx_mdef_convert flite espeak-ng sox; do
    [ -x "$(command -v "$tool")" ] || { echo "missing $tool: apt-get install sphinxtrain sphinxbase-utils pocketsphinx flite espeak-ng sox" >&2; exit 1; }
done
rm -rf "$work"; mkdir -p "$work/wav" "$work/hmm"
cp "$model"/en-us/* "$work/hmm/"

# The Debian model ships only the quantised mixture weights (sendump); bw needs mixture_weights.
python3 "$here/scripts/sendump-to-mixture-weights.py" "$model/en-us/sendump" "$work/hmm/mixture_weights"
pocketsphinx_mdef_convert -text "$model/en-us/mdef" "$work/hmm/mdef.txt" 2>/dev/null

: > "$work/adapt.fileids"; : > "$work/adapt.transcription"
i=0
grep -v '^#' "$here/src/test/resources/speech/adaptation-sentences.txt" | while IFS= read -r line; do
    [ -n "$line" ] || continue
    words=$(echo "$line" | tr 'A-Z' 'a-z' | tr -c "a-z'\n" ' ' | tr -s ' ' | sed 's/^ //; s/ $//')
    for voice in $voices; do
        i=$((i + 1)); id=$(printf 'utt%03d' "$i")
        case $voice in
            flite:*) flite -voice "${voice#flite:}" -t "$line" -o "$work/wav/$id.src.wav" ;;
            espeak:*) espeak-ng -v "${voice#espeak:}" -w "$work/wav/$id.src.wav" "$line" ;;
        esac
        sox -D "$work/wav/$id.src.wav" -r 8000 -e u-law -c 1 "$work/wav/$id.ulaw.wav"
        sox -D "$work/wav/$id.ulaw.wav" -r 16000 -e signed -b 16 -c 1 "$work/wav/$id.wav"
        rm "$work/wav/$id.src.wav" "$work/wav/$id.ulaw.wav"
        echo "$id" >> "$work/adapt.fileids"
        echo "<s> $words </s> ($id)" >> "$work/adapt.transcription"
    done
done
echo "adaptation utterances: $(wc -l < "$work/adapt.fileids")"

sphinx_fe -argfile "$model/en-us/feat.params" -samprate 16000 -c "$work/adapt.fileids" \
    -di "$work/wav" -do "$work/wav" -ei wav -eo mfc -mswav yes > "$work/fe.log" 2>&1
"$st/bw" -hmmdir "$work/hmm" -moddeffn "$work/hmm/mdef.txt" -ts2cbfn .ptm. -feat 1s_c_d_dd \
    -svspec 0-12/13-25/26-38 -cmn current -agc none -dictfn "$model/cmudict-en-us.dict" \
    -ctlfn "$work/adapt.fileids" -lsnfn "$work/adapt.transcription" -cepdir "$work/wav" \
    -accumdir "$work" > "$work/bw.log" 2>&1 || { tail -20 "$work/bw.log" >&2; exit 1; }
"$st/mllr_solve" -meanfn "$work/hmm/means" -varfn "$work/hmm/variances" -outmllrfn "$work/mllr_matrix" \
    -accumdir "$work" > "$work/mllr.log" 2>&1 || { tail -20 "$work/mllr.log" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
cp "$work/mllr_matrix" "$out"
echo "wrote $out"
# The cepstral mean of the adaptation speech (sphinx_fe's frames, silence included), for -cmninit.
python3 - "$work/wav" <<'PY'
import glob, sys, numpy as np
total, frames = np.zeros(13), 0
for f in sorted(glob.glob(sys.argv[1] + '/*.mfc')):
    x = np.fromfile(f, '<f4')[1:].reshape(-1, 13)
    total += x.sum(0); frames += len(x)
print('cmninit ' + ','.join('%.2f' % v for v in total / frames))
PY
