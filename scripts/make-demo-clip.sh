#!/usr/bin/env bash
# Regenerates the demo clip shipped in src/main/resources/static/media/demo/ (a 15 s HLS stream, ~300 KB).
# Needs ffmpeg and the DejaVu font (Debian: apt-get install ffmpeg fonts-dejavu-core). The output is committed,
# so running the service never needs ffmpeg. Preview window 0–8 s (the run-up), reveal window 8–15 s (the shot).
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/static/media/demo"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
rm -rf "$out" && mkdir -p "$out"
ffmpeg -hide_banner -loglevel error -f lavfi -i "color=c=0x2e7d32:s=480x270:r=24:d=15" -vf "\
drawbox=x=430:y=85:w=8:h=100:color=white:t=fill,\
drawbox=x=400:y=85:w=38:h=6:color=white:t=fill,\
drawbox=x=400:y=179:w=38:h=6:color=white:t=fill,\
drawbox=x=0:y=133:w=480:h=2:color=white@0.3:t=fill,\
drawbox=x='if(lt(t,8),60+t*25,260+min(t-8,1.2)*130)':y='if(lt(t,8),150,150-min(t-8,1.2)*30)':w=14:h=14:color=white:t=fill,\
drawbox=x=375:y='120+min(max(t-8,0),1.2)*25':w=16:h=40:color=0xffeb3b:t=fill,\
drawtext=fontfile=$font:text='PREVIEW  %{eif\:t\:d}s':x=12:y=12:fontsize=20:fontcolor=white:enable='lt(t,8)',\
drawtext=fontfile=$font:text='REVEAL':x=12:y=12:fontsize=20:fontcolor=0xffeb3b:enable='gte(t,8)',\
drawtext=fontfile=$font:text='GOAL!':x=(w-text_w)/2:y=40:fontsize=48:fontcolor=white:enable='gte(t,9.5)'" \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -b:v 120k -maxrate 150k -bufsize 300k -g 72 -keyint_min 72 \
  -an -f hls -hls_time 3 -hls_playlist_type vod -hls_segment_filename "$out/segment%02d.ts" "$out/clip.m3u8"
ffmpeg -hide_banner -loglevel error -i "$out/segment01.ts" -frames:v 1 -update 1 "$out/poster.jpg"
du -sh "$out"
