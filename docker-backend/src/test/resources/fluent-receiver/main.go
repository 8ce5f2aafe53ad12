// fluent-receiver is a FireLens router for Berth's tests: it receives Fluentd's forward protocol on the socket
// /var/run/fluent.sock and on TCP port 24224, as the configuration the ECS agent generates makes a real router do,
// and prints each record as one line: "tag=<tag> log=<log> <other keys>=<values>".
//
// It decodes the three modes of the forward protocol (Message, Forward and PackedForward) with a small MessagePack
// reader of its own, so that the test image needs nothing but this binary.
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"sort"
	"strings"
	"sync"
)

var out sync.Mutex

func main() {
	socket := "/var/run/fluent.sock"
	_ = os.Remove(socket)
	unix, err := net.Listen("unix", socket)
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen", socket, err)
		os.Exit(1)
	}
	_ = os.Chmod(socket, 0o777)
	tcp, err := net.Listen("tcp", ":24224")
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen :24224", err)
		os.Exit(1)
	}
	fmt.Println("fluent-receiver listening on", socket, "and :24224")
	go serve(tcp)
	serve(unix)
}

func serve(l net.Listener) {
	for {
		conn, err := l.Accept()
		if err != nil {
			fmt.Fprintln(os.Stderr, "accept", err)
			return
		}
		go handle(conn)
	}
}

func handle(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	for {
		v, err := decode(r)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintln(os.Stderr, "decode", err)
			}
			return
		}
		entries(v)
	}
}

// entries prints the records of one forward-protocol message.
func entries(v interface{}) {
	msg, ok := v.([]interface{})
	if !ok || len(msg) < 2 {
		return
	}
	tag := fmt.Sprint(msg[0])
	switch body := msg[1].(type) {
	case []interface{}: // Forward mode: [tag, [[time, record], ...], option]
		for _, e := range body {
			if pair, ok := e.([]interface{}); ok && len(pair) >= 2 {
				printRecord(tag, pair[1])
			}
		}
	case []byte: // PackedForward mode: [tag, packed entries as a binary, option]
		r := bufio.NewReader(strings.NewReader(string(body)))
		for {
			e, err := decode(r)
			if err != nil {
				return
			}
			if pair, ok := e.([]interface{}); ok && len(pair) >= 2 {
				printRecord(tag, pair[1])
			}
		}
	default: // Message mode: [tag, time, record, option]
		if len(msg) >= 3 {
			printRecord(tag, msg[2])
		}
	}
}

func printRecord(tag string, record interface{}) {
	fields, ok := record.(map[string]interface{})
	if !ok {
		return
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		if k != "log" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	line := "tag=" + tag + " log=" + text(fields["log"])
	for _, k := range keys {
		line += " " + k + "=" + text(fields[k])
	}
	out.Lock()
	fmt.Println(line)
	out.Unlock()
}

// text shows a value: a binary (Docker sends the log line as one) as its text.
func text(v interface{}) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// decode reads one MessagePack value: nil, booleans, integers, floats, strings, binaries, arrays, maps and
// extensions (an extension, such as the forward protocol's EventTime, is returned as its payload).
func decode(r *bufio.Reader) (interface{}, error) {
	b, err := r.ReadByte()
	if err != nil {
		return nil, err
	}
	switch {
	case b <= 0x7f:
		return int64(b), nil
	case b >= 0xe0:
		return int64(int8(b)), nil
	case b&0xf0 == 0x80:
		return decodeMap(r, int(b&0x0f))
	case b&0xf0 == 0x90:
		return decodeArray(r, int(b&0x0f))
	case b&0xe0 == 0xa0:
		return readString(r, int(b&0x1f))
	}
	switch b {
	case 0xc0:
		return nil, nil
	case 0xc2:
		return false, nil
	case 0xc3:
		return true, nil
	case 0xc4, 0xc5, 0xc6:
		n, err := readLength(r, b-0xc4)
		if err != nil {
			return nil, err
		}
		return readBytes(r, n)
	case 0xc7, 0xc8, 0xc9:
		n, err := readLength(r, b-0xc7)
		if err != nil {
			return nil, err
		}
		return readExt(r, n)
	case 0xca:
		v, err := readUint(r, 4)
		return float64(math.Float32frombits(uint32(v))), err
	case 0xcb:
		v, err := readUint(r, 8)
		return math.Float64frombits(v), err
	case 0xcc, 0xcd, 0xce, 0xcf:
		v, err := readUint(r, 1<<(b-0xcc))
		return int64(v), err
	case 0xd0, 0xd1, 0xd2, 0xd3:
		size := 1 << (b - 0xd0)
		v, err := readUint(r, size)
		shift := uint(64 - 8*size)
		return int64(v<<shift) >> shift, err
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8:
		return readExt(r, 1<<(b-0xd4))
	case 0xd9, 0xda, 0xdb:
		n, err := readLength(r, b-0xd9)
		if err != nil {
			return nil, err
		}
		return readString(r, n)
	case 0xdc, 0xdd:
		n, err := readLength(r, b-0xdc+1)
		if err != nil {
			return nil, err
		}
		return decodeArray(r, n)
	case 0xde, 0xdf:
		n, err := readLength(r, b-0xde+1)
		if err != nil {
			return nil, err
		}
		return decodeMap(r, n)
	}
	return nil, fmt.Errorf("unknown MessagePack type 0x%x", b)
}

// readLength reads a length of 1, 2 or 4 bytes (sizeClass 0, 1 or 2).
func readLength(r *bufio.Reader, sizeClass byte) (int, error) {
	v, err := readUint(r, 1<<sizeClass)
	return int(v), err
}

func readUint(r *bufio.Reader, size int) (uint64, error) {
	buf := make([]byte, 8)
	if _, err := io.ReadFull(r, buf[8-size:]); err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(buf), nil
}

func readBytes(r *bufio.Reader, n int) ([]byte, error) {
	buf := make([]byte, n)
	_, err := io.ReadFull(r, buf)
	return buf, err
}

func readString(r *bufio.Reader, n int) (string, error) {
	buf, err := readBytes(r, n)
	return string(buf), err
}

// extension is a MessagePack extension's payload, such as the forward protocol's EventTime: not a binary.
type extension []byte

func readExt(r *bufio.Reader, n int) (interface{}, error) {
	if _, err := r.ReadByte(); err != nil { // the extension's type
		return nil, err
	}
	payload, err := readBytes(r, n)
	return extension(payload), err
}

func decodeArray(r *bufio.Reader, n int) (interface{}, error) {
	values := make([]interface{}, n)
	for i := range values {
		v, err := decode(r)
		if err != nil {
			return nil, err
		}
		values[i] = v
	}
	return values, nil
}

func decodeMap(r *bufio.Reader, n int) (interface{}, error) {
	values := make(map[string]interface{}, n)
	for i := 0; i < n; i++ {
		k, err := decode(r)
		if err != nil {
			return nil, err
		}
		v, err := decode(r)
		if err != nil {
			return nil, err
		}
		values[fmt.Sprint(k)] = v
	}
	return values, nil
}
