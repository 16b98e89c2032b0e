#!/usr/bin/env bash
# Regenerates the demo clips shipped in src/main/resources/demo/clips/<clip>/ (one per demo sport: penalty,
# breakaway, break point; 16 s each, 2 s segments, ~150 KB). Needs ffmpeg and the DejaVu font (Debian: apt-get install
# ffmpeg fonts-dejavu-core); the output is committed, so running the service never needs ffmpeg.
# Keyframes every 2 s make every even second a segment boundary, so the preview end (8 s) falls on one: the service
# cuts clips at segment boundaries only. Preview 0–8 s (the run-up), reveal 8–16 s (the outcome). The break point
# clip is fragmented MP4 (#EXT-X-MAP), the others MPEG-TS, so both kinds go through the demo's ingest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/demo/clips"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
label="drawtext=fontfile=$font:text='PREVIEW  %{eif\:t\:d}s':x=12:y=12:fontsize=16:fontcolor=white:enable='lt(t,8)',\
drawtext=fontfile=$font:text='REVEAL':x=12:y=12:fontsize=16:fontcolor=0xffeb3b:enable='gte(t,8)'"

make() { # name background filters segment-type
  local out="$root/$1"
  rm -rf "$out" && mkdir -p "$out"
  local kind=(-hls_segment_type mpegts -hls_segment_filename "$out/segment%02d.ts")
  if [ "$4" = fmp4 ]; then kind=(-hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$out/segment%02d.m4s"); fi
  ffmpeg -hide_banner -loglevel error -f lavfi -i "color=c=$2:s=320x180:r=24:d=16" -vf "$3,$label" \
    -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -b:v 80k -maxrate 100k -bufsize 200k \
    -g 48 -keyint_min 48 -sc_threshold 0 -force_key_frames 'expr:gte(t,n_forced*2)' \
    -an -f hls -hls_time 2 -hls_playlist_type vod "${kind[@]}" "$out/clip.m3u8"
  # the poster is a frame of the run-up, never of the outcome
  ffmpeg -hide_banner -loglevel error -f lavfi -i "color=c=$2:s=320x180:r=24:d=1" -vf "$3" -frames:v 1 -update 1 "$out/poster.jpg"
}

# penalty: the ball runs up to the spot; from 8 s the shot, from 9.5 s "GOAL!"
make penalty 0x2e7d32 "\
drawbox=x=287:y=57:w=5:h=66:color=white:t=fill,drawbox=x=267:y=57:w=25:h=4:color=white:t=fill,\
drawbox=x=267:y=119:w=25:h=4:color=white:t=fill,\
drawbox=x='if(lt(t,8),40+t*17,175+min(t-8,1.2)*87)':y='if(lt(t,8),100,100-min(t-8,1.2)*20)':w=10:h=10:color=white:t=fill,\
drawbox=x=250:y='80+min(max(t-8,0),1.2)*17':w=11:h=27:color=0xffeb3b:t=fill,\
drawtext=fontfile=$font:text='GOAL!':x=(w-text_w)/2:y=30:fontsize=32:fontcolor=white:enable='gte(t,9.5)'" mpegts

# breakaway: a skater closes in on the goalie; from 8 s the shot, from 9.5 s "SAVED!"
make breakaway 0xdfe8ef "\
drawbox=x=0:y=88:w=320:h=3:color=0xc62828:t=fill,drawbox=x=280:y=70:w=6:h=40:color=0xc62828:t=fill,\
drawbox=x='if(lt(t,8),30+t*25,230+min(t-8,1)*30)':y=84:w=12:h=12:color=0x1565c0:t=fill,\
drawbox=x='if(lt(t,9),260,250)':y=78:w=12:h=24:color=0x212121:t=fill,\
drawtext=fontfile=$font:text='SAVED!':x=(w-text_w)/2:y=30:fontsize=32:fontcolor=0x212121:enable='gte(t,9.5)'" mpegts

# break point: a rally; from 8 s the last shot, from 9.5 s "ACE!"
make breakpoint 0x1565c0 "\
drawbox=x=40:y=20:w=240:h=140:color=white:t=2,drawbox=x=159:y=20:w=2:h=140:color=white:t=fill,\
drawbox=x='if(lt(t,8),160+100*sin(t*1.6),160+min(t-8,1)*110)':y='90+30*sin(t*3.1)':w=8:h=8:color=0xd4e157:t=fill,\
drawtext=fontfile=$font:text='ACE!':x=(w-text_w)/2:y=30:fontsize=32:fontcolor=white:enable='gte(t,9.5)'" fmp4

du -sh "$root"/*
